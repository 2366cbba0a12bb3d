'use strict';

// Which stream writes run on the JS thread. A hop to the pool and back costs more
// than the engine work of a small write (a 1 KB body: ~3-12 µs of engine against a
// hop measured at 50-150 µs of latency here), so a write whose work is known to be
// small runs where it was made, and its output is handed over on a later tick: the
// caller sees output as asynchronous, as Node's streams give it. Bigger work keeps
// the JS thread free and goes to the pool.

const { constants } = require('node:zlib');

const { BROTLI_ENCODE, BROTLI_DECODE } = constants;
const DECODER_MODES = new Set([constants.INFLATE, constants.GUNZIP, constants.INFLATERAW, constants.UNZIP, BROTLI_DECODE]);

// Input bytes of one write below which the engine work is shorter than the hop
// (benches/zlib.bench.mjs, per-message rows, and the servers bench, Node 24).
const DEFLATE_HERE_MAX = 16 << 10;
const INFLATE_HERE_MAX = 16 << 10;
// Brotli's encoder keeps input until a flush, so its bound is on all the input since
// the last flush (its streams at quality 10-11 are Node's own: streams.js).
const BROTLI_ENCODE_HERE_MAX = 16 << 10;
// Output room of one write on the JS thread: a decoder's output is not bounded by its
// input (a 16 KiB write may inflate to megabytes), so what does not fit goes on in the
// pool.
const HERE_OUTPUT_ROOM = 64 << 10;

/**
 * One stream's rule for small writes: `limit` input bytes (0: never here),
 * `sinceFlush` whether the limit counts all input since the last flush (kept in
 * `unflushed`), and `pieces`, the most output pieces one such write may make.
 */
function smallWriteRule(parsed) {
  const pieces = Math.floor(HERE_OUTPUT_ROOM / parsed.chunkSize);
  let limit = DECODER_MODES.has(parsed.mode) ? INFLATE_HERE_MAX : DEFLATE_HERE_MAX;
  if (parsed.mode === BROTLI_ENCODE) limit = BROTLI_ENCODE_HERE_MAX;
  if (pieces < 1) limit = 0;
  return { limit, sinceFlush: parsed.mode === BROTLI_ENCODE, unflushed: 0, pieces };
}

module.exports = { smallWriteRule };
