'use strict';

// hotpath/buffer's searches that Node lacks: count, indexOfAll, split and indexOfAny,
// one native call each whatever the number of matches. Matches never overlap.

const { requireNative } = require('../native.js');
const { invalidArgType, invalidArgValue } = require('../errors.js');
const { validateUint32 } = require('../validators.js');
const { validateBuffer, validateByte, needleBytes, byteRange, rangeAndEncoding } = require('./arguments.js');

/** `(buffer, needle[, start[, end]][, encoding])` checked: the needle's bytes and the range. */
function rangedSearch(buffer, needle, start, end, encoding) {
  validateBuffer(buffer);
  const args = rangeAndEncoding(start, end, encoding);
  const bytes = needleBytes(needle, args.encoding);
  const [from, to] = byteRange(buffer, args.start, args.end);
  return { bytes, from, to };
}

/** Non-overlapping occurrences of `needle` in `buffer[start..end]`. */
function count(buffer, needle, start, end, encoding) {
  const binding = requireNative('buffer.count()');
  const { bytes, from, to } = rangedSearch(buffer, needle, start, end, encoding);
  return binding.bufferCount(buffer, bytes, from, to);
}

/** Where each non-overlapping occurrence starts: a Uint32Array (Float64Array past 4 GiB). */
function indexOfAll(buffer, needle, start, end, encoding) {
  const binding = requireNative('buffer.indexOfAll()');
  const { bytes, from, to } = rangedSearch(buffer, needle, start, end, encoding);
  return binding.bufferPositions(buffer, bytes, from, to);
}

const { subarray } = Uint8Array.prototype;
// For a Buffer, Buffer#slice makes the same view as subarray (no copy) at a fraction of
// the cost: subarray goes through the species constructor, which for Buffer is the
// Buffer function with its argument checks.
const { slice: bufferSlice } = Buffer.prototype;
const viewMaker = (buffer) => (Buffer.isBuffer(buffer) ? bufferSlice : subarray);

/**
 * The pieces of `buffer` between occurrences of `separator`, as views (no copy). Like
 * String#split: n separators give n + 1 pieces, and `limit` caps how many are returned.
 */
function split(buffer, separator, limit, encoding) {
  const binding = requireNative('buffer.split()');
  validateBuffer(buffer);
  if (typeof limit === 'string') {
    encoding = limit;
    limit = undefined;
  }
  if (limit !== undefined) validateUint32(limit, 'limit');
  const bytes = needleBytes(separator, encoding, 'separator');
  const starts = binding.bufferPositions(buffer, bytes, 0, buffer.length);
  // n separators give n + 1 pieces; the array is made at its final size, which V8
  // fills faster than one grown by push.
  const total = limit === undefined ? starts.length + 1 : Math.min(starts.length + 1, limit);
  const pieces = new Array(total);
  const width = bytes.length;
  const view = viewMaker(buffer);
  let from = 0;
  for (let i = 0; i < total; i++) {
    const to = i < starts.length ? starts[i] : buffer.length;
    pieces[i] = view.call(buffer, from, to);
    from = to + width;
  }
  return pieces;
}

/** Candidates as bytes (numbers or one Uint8Array) or as needles (strings, Uint8Arrays). */
function candidatesOf(candidates) {
  if (candidates instanceof Uint8Array) {
    if (candidates.length === 0) throw invalidArgValue('candidates', candidates, 'must not be empty');
    return { bytes: candidates };
  }
  if (!Array.isArray(candidates)) {
    throw invalidArgType('candidates', ['Array', 'Buffer', 'Uint8Array'], candidates);
  }
  if (candidates.length === 0) throw invalidArgValue('candidates', candidates, 'must not be empty');
  if (candidates.every((candidate) => typeof candidate === 'number')) {
    candidates.forEach((byte, i) => validateByte(byte, `candidates[${i}]`));
    return { bytes: Uint8Array.from(candidates) };
  }
  return { needles: candidates.map((candidate, i) => needleBytes(candidate, undefined, `candidates[${i}]`)) };
}

/**
 * The first position at or after `start` where one of `candidates` occurs: any of a
 * set of bytes, or any of several needles (the leftmost; at one position, the first
 * listed). -1 if none does.
 */
function indexOfAny(buffer, candidates, start) {
  const binding = requireNative('buffer.indexOfAny()');
  validateBuffer(buffer);
  const { bytes, needles } = candidatesOf(candidates);
  const [from] = byteRange(buffer, start, undefined);
  if (bytes !== undefined) return binding.bufferFirstOfBytes(buffer, bytes, from);
  return binding.bufferFirstOfNeedles(buffer, needles, from);
}

module.exports = { count, indexOfAll, split, indexOfAny };
