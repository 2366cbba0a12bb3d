'use strict';

// hashMany's inputs packed back to back in one buffer for the addon, a piece at a time.
// Async work must copy what it reads before the call returns (see js_memory), and one
// copy here both makes that copy and spares reading each input across napi (~250 ns,
// four napi calls). (hashManySync reads its inputs in place: packing measured no
// faster there.) The buffer is kept between calls, as the addon copies each piece
// before its call returns, and dropped after a second without a call, as the addon's
// kept buffers are.

const { keptBuffer } = require('../kept-buffer.js');

let arena = null;
const used = keptBuffer(() => {
  arena = null;
}, 0);

function roomFor(bytes) {
  if (arena === null || arena.length < bytes) arena = Buffer.allocUnsafeSlow(Math.max(bytes, 64 << 10));
  used(bytes);
  return arena;
}

// The addon gets pieces of about this size, packing the next while the pool hashes
// the last (with every core busy, packing would otherwise all come first).
const PIECE_BYTES = 1 << 20;

/**
 * `{ bytes, ends, to }`: the piece of inputs that starts at `from` (about PIECE_BYTES,
 * at least one input, ending before inputs[to]) back to back, a string as its UTF-8
 * bytes, the i-th ending at ends[i]; valid until the next call. The inputs are strings
 * and views (the caller has checked them).
 */
function packPiece(inputs, from) {
  let room = 0;
  let to = from;
  while (to < inputs.length && (to === from || room < PIECE_BYTES)) {
    const input = inputs[to++];
    room += typeof input === 'string' ? 3 * input.length : input.byteLength;
  }
  const bytes = roomFor(room);
  const ends = new Float64Array(to - from);
  let end = 0;
  for (let i = from; i < to; i++) {
    const input = inputs[i];
    if (typeof input === 'string') {
      end += bytes.utf8Write(input, end);
    } else if (input.byteLength > 0) {
      // (A view whose buffer was detached reads as empty: nothing to copy.)
      if (input instanceof Buffer) input.copy(bytes, end);
      else bytes.set(new Uint8Array(input.buffer, input.byteOffset, input.byteLength), end);
      end += input.byteLength;
    }
    ends[i - from] = end;
  }
  return { bytes: bytes.subarray(0, end), ends, to };
}

module.exports = { packPiece };
