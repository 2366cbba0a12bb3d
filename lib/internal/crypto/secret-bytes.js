'use strict';

// Keys, passwords and salts as bytes hotpath can hand to the addon, or undefined where
// Node must judge the value itself (Hmac, hmac(), pbkdf2).

const { nodeEncodingName } = require('../text/encodings.js');

const EMPTY = Buffer.alloc(0);

/**
 * The bytes of a key, password or salt when hotpath can use it directly (a string in
 * `encoding`, default UTF-8; an ArrayBuffer; a view), as a view over them, or
 * undefined: KeyObject, CryptoKey and anything invalid go to Node, which accepts or
 * rejects them exactly as it does. Not a copy: keep it only after copying.
 */
function secretBytes(value, encoding) {
  if (typeof value === 'string') {
    if (encoding === undefined || encoding === 'buffer') return Buffer.from(value, 'utf8');
    const name = typeof encoding === 'string' ? nodeEncodingName(encoding) : undefined;
    return name === undefined ? undefined : Buffer.from(value, name);
  }
  // Empty input as EMPTY: a detached ArrayBuffer, or a view of one, is empty to Node,
  // and no (new) view can be made of it.
  if (ArrayBuffer.isView(value)) return value.byteLength === 0 ? EMPTY : value;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
    return value.byteLength === 0 ? EMPTY : new Uint8Array(value);
  }
  return undefined;
}

module.exports = { secretBytes };
