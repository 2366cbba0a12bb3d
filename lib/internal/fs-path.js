'use strict';

// A path as node:fs takes it (a string, a Buffer or Uint8Array, a file: URL), checked
// with fs's errors, in the form the addon reads (a string), or not at all where no
// string names the same file (bytes that are not UTF-8), so that call goes to fs.

const { fileURLToPath } = require('node:url');
const { isUint8Array } = require('node:util').types;
const { invalidArgType, invalidArgValue } = require('./errors.js');

const NULL_BYTES_RULE = 'must be a string, Uint8Array, or URL without null bytes';

/** `{ path, text }`: what fs would be given, and the string the addon may take (or undefined). */
function fsPathOf(path, name) {
  let given = path;
  if (given instanceof URL) given = fileURLToPath(given);
  if (typeof given === 'string') {
    if (given.includes('\0')) throw invalidArgValue(name, given, NULL_BYTES_RULE);
    return { path: given, text: given };
  }
  if (isUint8Array(given)) {
    if (given.includes(0)) throw invalidArgValue(name, path, NULL_BYTES_RULE);
    const text = Buffer.from(given.buffer, given.byteOffset, given.byteLength).toString('utf8');
    return { path: given, text: Buffer.from(text).equals(given) ? text : undefined };
  }
  throw invalidArgType(name, ['string', 'Buffer', 'URL'], path);
}

module.exports = { fsPathOf };
