'use strict';

// The argument rules every hotpath/buffer extra shares: which buffer, which needle (as
// bytes), which range. Errors are Node's (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE,
// ERR_UNKNOWN_ENCODING, ERR_INVALID_ARG_VALUE).

const { isUint8Array } = require('node:util').types;
const { invalidArgType, invalidArgValue, outOfRange } = require('../errors.js');
const { unknownEncoding } = require('../text/encodings.js');

function validateBuffer(value, name = 'buffer') {
  if (!isUint8Array(value)) throw invalidArgType(name, ['Buffer', 'Uint8Array'], value);
}

/** A byte value: an integer 0–255. */
function validateByte(value, name) {
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < 0 || value > 255) throw outOfRange(name, '>= 0 && <= 255', value);
}

/** A needle as bytes: a byte value, a string in `encoding` (utf8), or a Uint8Array. */
function needleBytes(needle, encoding, name = 'needle') {
  let bytes;
  if (typeof needle === 'string') {
    if (encoding !== undefined && !Buffer.isEncoding(encoding)) throw unknownEncoding(encoding);
    bytes = Buffer.from(needle, encoding);
  } else if (typeof needle === 'number') {
    validateByte(needle, name);
    bytes = Uint8Array.of(needle);
  } else if (isUint8Array(needle)) {
    bytes = needle;
  } else {
    throw invalidArgType(name, ['number', 'string', 'Buffer', 'Uint8Array'], needle);
  }
  if (bytes.length === 0) throw invalidArgValue(name, needle, 'must not be empty');
  return bytes;
}

/** `start`/`end` as `subarray(start, end)` reads them (negative counts from the end). */
function relativeIndex(value, name, length, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  return value < 0 ? Math.max(length + value, 0) : Math.min(value, length);
}

/** [from, to] of `start`/`end` over `buffer`; `to` is never below `from`. */
function byteRange(buffer, start, end) {
  const from = relativeIndex(start, 'start', buffer.length, 0);
  const to = relativeIndex(end, 'end', buffer.length, buffer.length);
  return [from, Math.max(from, to)];
}

/**
 * The optional arguments of `(buffer, needle[, start[, end]][, encoding])`: an encoding
 * may stand in the place of start or end, as Node lets it stand for byteOffset.
 */
function rangeAndEncoding(start, end, encoding) {
  if (typeof start === 'string') return { start: undefined, end: undefined, encoding: start };
  if (typeof end === 'string') return { start, end: undefined, encoding: end };
  return { start, end, encoding };
}

module.exports = { validateBuffer, validateByte, needleBytes, byteRange, rangeAndEncoding };
