// hotpath/buffer has the same exports and types as Node's buffer module.
export * from 'node:buffer';
import builtin = require('node:buffer');
export default builtin;
