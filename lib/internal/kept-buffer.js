'use strict';

// The addon keeps some per-thread buffers mapped between sync calls (decoding into
// fresh memory pays a page fault per 4 KiB: measured a third to half of a 16 MiB
// zlib or legacy-encoding decode). A face calls `used(bytes)` after each call; after
// a second without a call over `keepFrom` bytes, `release` frees the buffer.

/** Schedules `release` for when the kept buffer has been idle for a second. */
function keptBuffer(release, keepFrom = 1 << 20) {
  let timer = null;
  return function used(bytes) {
    if (bytes < keepFrom) return;
    if (timer !== null) {
      timer.refresh();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      release();
    }, 1000);
    timer.unref();
  };
}

module.exports = { keptBuffer };
