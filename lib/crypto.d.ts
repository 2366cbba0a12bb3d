// hotpath/crypto has the same exports and types as Node's crypto module.
export * from 'node:crypto';
import builtin = require('node:crypto');
export default builtin;
