'use strict';

// How a hotpath zlib stream writes: each write runs Node's per-chunk engine loop in
// native calls that return up to a batch of output pieces, pushed with Node's
// backpressure (an async write pauses while the reader is full), plus the *Sync
// forms' loop over the same handle. A write reports through the stream's write state,
// whose slots and flags the addon names (ZlibWriteSlot, ZlibWriteFlag).

const { native, nativeEnum } = require('../native.js');
const { bufferTooLarge, zlibError, isErrorInfo, trailingJunk } = require('./errors.js');
const rules = require('./version-rules.js');
const { onSettled } = require('../settle.js');
const { copied } = require('../kept-copies.js');

// Pieces one native write may hand back before JS checks backpressure again.
const MAX_PIECES = 16;
const { Consumed: CONSUMED, Flags: FLAGS, OutAt: OUT_AT, Produced: PRODUCED } = nativeEnum('ZlibWriteSlot');
const { MoreOutput: MORE_OUTPUT, InputLeft: INPUT_LEFT, Failed: FAILED } = nativeEnum('ZlibWriteFlag');
// Z_NO_FLUSH and BROTLI_OPERATION_PROCESS: a write that keeps input for later.
const NO_FLUSH = 0;

const kError = Symbol('kError');
const kPending = Symbol('kPending');

/** The report of a stream's last native write: ZlibWriteSlot.Consumed and .Flags. */
function newWriteState() {
  return new Uint32Array(native.ZLIB_WRITE_STATE_LENGTH);
}

/** An engine error ends the stream, as Node's zlibOnError does. */
function failStream(stream, info) {
  const error = zlibError(info);
  stream.destroy(error);
  stream[kError] = error;
}

function closeHandle(stream) {
  if (!stream._handle) return;
  stream._handle.close();
  stream._handle = null;
}

/** Pushes the pieces of one native write; null once the stream was destroyed. */
function pushPieces(stream, pieces) {
  let accepting = true;
  for (let i = 0; i < pieces.length; i++) {
    accepting = stream.push(pieces[i]);
    if (stream.destroyed) return null;
  }
  return accepting;
}

function processChunk(stream, chunk, flushFlag, callback) {
  const handle = stream._handle;
  if (!handle) {
    process.nextTick(callback);
    return;
  }
  // A pool write copies the chunk; the ones that go on (more output pending)
  // continue from the addon's copy.
  stream[kPending] = { handle, chunk, flushFlag, callback };
  if (runsHere(stream._smallWrites, chunk, flushFlag)) writeHere(stream);
  else startWrite(stream);
}

/** Whether this write's engine work is small enough for the JS thread (small-writes.js). */
function runsHere(rule, chunk, flushFlag) {
  const input = rule.sinceFlush ? rule.unflushed + chunk.byteLength : chunk.byteLength;
  rule.unflushed = flushFlag === NO_FLUSH ? input : 0;
  return rule.limit > 0 && input <= rule.limit;
}

/**
 * Runs the engine now, call by call as Node's loop does, each piece a slice of the
 * stream's output buffer as Node's are, and hands the result over in the event
 * loop's next check phase, as a pool write's comes back from the loop: so what the
 * stream emits in between ('finish' after end(), say) comes first, as in Node.
 * Input the write could not take (its output filled the room) is copied at once and
 * goes on in the pool.
 */
function writeHere(stream) {
  const pending = stream[kPending];
  const { chunk, flushFlag, handle } = pending;
  const state = stream._writeState;
  const calls = Math.min(piecesWanted(stream), stream._smallWrites.pieces);
  const pieces = [];
  let consumed = 0;
  let flags = 0;
  for (let call = 0; call < calls; call++) {
    // Node starts a new output buffer when the last one filled; so does a write
    // here whose place in it (moved on by pool writes too) is behind what was sliced.
    const at = state[OUT_AT];
    if (stream._outBuffer === null || at < stream._outBufferEnd) {
      stream._outBuffer = Buffer.allocUnsafe(stream._chunkSize);
      stream._outBufferEnd = 0;
    }
    const failure = handle.writeInto(flushFlag, chunk, consumed, stream._outBuffer, state);
    if (failure !== undefined) {
      pieces.push(failure);
      flags = FAILED;
      break;
    }
    consumed += state[CONSUMED];
    if (state[PRODUCED] > 0) {
      stream._outBufferEnd = at + state[PRODUCED];
      pieces.push(stream._outBuffer.subarray(at, stream._outBufferEnd));
    }
    flags = state[FLAGS];
    if (!(flags & MORE_OUTPUT)) break;
  }
  pending.chunk = undefined;
  if (flags & MORE_OUTPUT) {
    pending.chunk = new Uint8Array(chunk.buffer, chunk.byteOffset + consumed, chunk.byteLength - consumed).slice();
  }
  // The write's report, as a pool write leaves it.
  state[CONSUMED] = consumed;
  state[FLAGS] = flags;
  setImmediate(onWriteDone, stream, pieces);
}

/**
 * How many output pieces the next native write may produce: Node pushes piece by
 * piece and stops when the readable buffer reaches its high-water mark, so ask for
 * no more than fit. A flowing stream with an empty buffer hands pieces straight to
 * 'data' listeners, so it takes a full batch.
 */
function piecesWanted(stream) {
  const state = stream._readableState;
  if (state.flowing && state.length === 0) return MAX_PIECES;
  const room = state.highWaterMark - state.length;
  return Math.min(MAX_PIECES, Math.max(1, Math.ceil(room / stream._chunkSize)));
}

function startWrite(stream) {
  const pending = stream[kPending];
  const chunk = pending.chunk;
  pending.chunk = undefined;
  const writing = pending.handle.write(pending.flushFlag, chunk, piecesWanted(stream), stream._writeState);
  if (chunk !== undefined) copied(chunk.byteLength);
  onSettled(
    writing,
    (result) => onWriteDone(stream, result),
    (error) => stream.destroy(error),
  );
}

function onWriteDone(stream, result) {
  const pending = stream[kPending];
  if (stream.destroyed) {
    stream[kPending] = null;
    pending.callback();
    return;
  }
  if (isErrorInfo(result)) {
    stream[kPending] = null;
    failStream(stream, result);
    return;
  }
  const state = stream._writeState;
  const flags = state[FLAGS];
  if (flags & FAILED) {
    // Node pushes what the engine produced before it failed, then fails.
    const failure = result.pop();
    if (pushPieces(stream, result) !== null) {
      stream[kPending] = null;
      failStream(stream, failure);
    } else {
      stream[kPending] = null;
      pending.callback();
    }
    return;
  }
  stream.bytesWritten += state[CONSUMED];
  const accepting = result === undefined ? true : pushPieces(stream, result);
  if (accepting === null || stream.destroyed) {
    stream[kPending] = null;
    pending.callback();
    return;
  }
  if (flags & MORE_OUTPUT) {
    if (accepting) {
      startWrite(stream);
    } else {
      // The reader is full: continue when it asks for more, as Node does.
      const ownRead = stream._read;
      stream._read = function resumeWrite(size) {
        stream._read = ownRead;
        startWrite(stream);
        stream._read(size);
      };
    }
    return;
  }
  // Input left over means the compressed stream ended before it: end the output, or
  // with rejectGarbageAfterEnd (Node 22+) fail.
  stream[kPending] = null;
  if (flags & INPUT_LEFT) {
    if (stream._rejectGarbageAfterEnd) {
      const error = trailingJunk();
      stream.destroy(error);
      pending.callback(error);
      return;
    }
    stream.push(null);
  }
  pending.callback();
}

function processChunkSync(stream, chunk, flushFlag) {
  const handle = stream._handle;
  const state = stream._writeState;
  let error;
  stream.on('error', (er) => {
    error = er;
  });
  const pieces = [];
  let total = 0;
  let offset = 0;
  for (;;) {
    const result = handle.writeSync(flushFlag, chunk, offset, MAX_PIECES, state);
    if (isErrorInfo(result) || state[FLAGS] & FAILED) {
      failStream(stream, isErrorInfo(result) ? result : result.pop());
      throw error || stream[kError];
    }
    offset += state[CONSUMED];
    if (result !== undefined) {
      for (const piece of result) {
        pieces.push(piece);
        total += piece.length;
        if (total > stream._maxOutputLength) {
          closeHandle(stream);
          throw bufferTooLarge(stream._maxOutputLength);
        }
      }
    }
    if (!(state[FLAGS] & MORE_OUTPUT)) break;
  }
  // Node 24's *Sync forms reject trailing input too; Node 22's only check streams.
  if (state[FLAGS] & INPUT_LEFT && stream._rejectGarbageAfterEnd && rules.garbageRule() === rules.GARBAGE_EVERYWHERE) {
    closeHandle(stream);
    throw trailingJunk();
  }
  stream.bytesWritten = offset;
  closeHandle(stream);
  if (total === 0) return Buffer.alloc(0);
  return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total);
}

module.exports = { kError, kPending, newWriteState, failStream, closeHandle, processChunk, processChunkSync };
