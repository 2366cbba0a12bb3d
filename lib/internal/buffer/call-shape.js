'use strict';

// How the running Node reads the arguments after the needle of Buffer#indexOf,
// #lastIndexOf and #includes: `(byteOffset, encoding)` before Node 24, `(byteOffset,
// end, encoding)` from Node 24 (read off its method's length). A string in the place
// of byteOffset, or of end, is the encoding.

const TAKES_END = Buffer.prototype.indexOf.length === 4;
// The encodings in which a needle string's bytes are what a plain byte search looks for.
const BYTE_ENCODINGS = new Set(['utf8', 'utf-8', 'latin1', 'binary']);
const NOT_PLAIN = Symbol('NOT_PLAIN');

/** The encoding argument of a call. */
function encodingArgument(byteOffset, third, fourth) {
  if (typeof byteOffset === 'string') return byteOffset;
  if (TAKES_END) return typeof third === 'string' ? third : fourth;
  return third;
}

/**
 * The encoding argument of a plain call (no `end` of its own, an integer offset or
 * none), or NOT_PLAIN for a call whose end or offset Node must apply.
 */
function plainEncoding(byteOffset, third, fourth) {
  if (TAKES_END && third !== undefined && typeof third !== 'string') return NOT_PLAIN;
  if (typeof byteOffset !== 'string' && byteOffset !== undefined && !Number.isInteger(byteOffset)) return NOT_PLAIN;
  return encodingArgument(byteOffset, third, fourth);
}

/** The offset of a call: none where an encoding stands in its place. */
function offsetArgument(byteOffset) {
  return typeof byteOffset === 'string' ? undefined : byteOffset;
}

module.exports = { TAKES_END, BYTE_ENCODINGS, NOT_PLAIN, encodingArgument, plainEncoding, offsetArgument };
