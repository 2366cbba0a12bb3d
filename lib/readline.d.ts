// hotpath/readline has the same exports and types as Node's readline module.
export * from 'node:readline';
import builtin = require('node:readline');
export default builtin;
