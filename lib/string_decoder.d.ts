// hotpath/string_decoder has the same exports and types as Node's string_decoder module.
export * from 'node:string_decoder';
import builtin = require('node:string_decoder');
export default builtin;
