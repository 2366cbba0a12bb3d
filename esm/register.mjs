// `node --import hotpath/register`: the same hooks as `--require hotpath/register`.
import state from '../lib/register.js';

export const { modules, mechanism } = state;
export default state;
