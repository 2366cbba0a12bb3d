'use strict';

// The bytes a Hash or Hmac buffers come out of a shared 64 KiB block, handed out in
// slices as Buffer's own pool does, but as plain Uint8Array views: Buffer.allocUnsafe
// measured ~150 ns a call and a view ~60 ns, a fifth of a whole 1 KiB one-shot digest.
// The block is not zero-filled (a zeroed one cost ~150 ns more per 1 KiB update); only
// bytes a Hash wrote are ever read. A slice is never handed out twice; a full block is
// dropped (its slices keep it alive while needed). The `createHash chain` rows of
// benches/crypto.bench.mjs hold these costs.

const BLOCK_SIZE = 64 << 10;
// Bigger reservations get a Buffer of their own rather than use up a block.
const LARGEST_SLICE = BLOCK_SIZE >>> 4;
// Slices start 8-byte aligned, as Buffer's pool aligns its slices.
const ALIGNMENT = 8;

let block = null;
let blockUsed = 0;

/** Uninitialised room for `capacity` bytes that no other reservation shares. */
function reserveBytes(capacity) {
  if (capacity > LARGEST_SLICE) return Buffer.allocUnsafe(capacity);
  if (block === null || blockUsed + capacity > BLOCK_SIZE) {
    block = Buffer.allocUnsafeSlow(BLOCK_SIZE).buffer;
    blockUsed = 0;
  }
  const view = new Uint8Array(block, blockUsed, capacity);
  blockUsed += (capacity + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
  return view;
}

module.exports = { reserveBytes };
