'use strict';

// indexOf/includes in haystacks of up to 64 bytes, in JS. Node's methods call into
// C++ (~90–120 ns before the first byte is looked at); a JS loop over 64 bytes takes
// less. Measured on the dev machine, JS loop / Node's call, one match near the end:
// 64 B 1.1–1.5×, 32 B 2.2–3.3×, 16 B 3.8–9×, and a loss from ~96 B (Node 20, 24, 26).
// Only calls that are a plain search for ASCII bytes qualify: an ASCII string in a
// byte encoding or a byte value under 0x80, an integer offset or none, no `end` of
// their own. Anything else, or a search whose compares pass a small budget
// (a needle that keeps almost matching), is left to Node's method.

const { BYTE_ENCODINGS, NOT_PLAIN, plainEncoding, offsetArgument } = require('./call-shape.js');

const SMALL_UP_TO = 64;
const NOT_SMALL = -2;

/** Whether `view` is small enough and of one-byte elements, as a haystack here must be. */
function isSmallByteView(view) {
  return view.length <= SMALL_UP_TO && view.BYTES_PER_ELEMENT === 1;
}

/** Where `byte` first occurs at or after `from`, or -1. */
function findByte(haystack, byte, from) {
  for (let i = from; i < haystack.length; i++) if (haystack[i] === byte) return i;
  return -1;
}

/**
 * Where the ASCII string `needle` first occurs at or after `from`, -1, or NOT_SMALL
 * once the partial matches have cost more compares than the haystack has bytes.
 */
function findAscii(haystack, needle, from) {
  const first = needle.charCodeAt(0);
  const lastStart = haystack.length - needle.length;
  let budget = haystack.length;
  candidates: for (let i = from; i <= lastStart; i++) {
    if (haystack[i] !== first) continue;
    for (let k = 1; k < needle.length; k++) {
      if (--budget < 0) return NOT_SMALL;
      if (haystack[i + k] !== needle.charCodeAt(k)) continue candidates;
    }
    return i;
  }
  return -1;
}

function isAscii(text) {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * `haystack.indexOf(value, byteOffset, …)` as Node answers it, for a small byte view
 * (see isSmallByteView), or NOT_SMALL when the call is not one this answers.
 */
function smallIndexOf(haystack, value, byteOffset, third, fourth) {
  const encoding = plainEncoding(byteOffset, third, fourth);
  if (encoding === NOT_PLAIN) return NOT_SMALL;
  const offset = offsetArgument(byteOffset);
  // Node's offset rule for a forward search: negative counts from the end (before
  // the start means from 0); a needle that cannot fit after the offset is absent.
  const length = haystack.length;
  let from = offset === undefined ? 0 : offset;
  if (from < 0) from = Math.max(length + from, 0);
  if (typeof value === 'number') {
    // Node searches for the number's low byte (`value >>> 0` as a C char) and
    // ignores the encoding. Int8Array reads bytes from 0x80 up as negatives.
    const byte = (value >>> 0) & 0xff;
    if (byte > 0x7f) return NOT_SMALL;
    return from + 1 > length ? -1 : findByte(haystack, byte, from);
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > SMALL_UP_TO) return NOT_SMALL;
  if (encoding !== undefined && !BYTE_ENCODINGS.has(encoding)) return NOT_SMALL;
  if (!isAscii(value)) return NOT_SMALL;
  if (from + value.length > length) return -1;
  return value.length === 1 ? findByte(haystack, value.charCodeAt(0), from) : findAscii(haystack, value, from);
}

module.exports = { smallIndexOf, isSmallByteView, NOT_SMALL, SMALL_UP_TO };
