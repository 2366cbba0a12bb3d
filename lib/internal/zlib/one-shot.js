'use strict';

// The one-shot functions of hotpath/zlib (gzip/gzipSync and their relatives) and
// the batch extras (gzipMany …). A one-shot call parses options exactly as the
// stream constructor would, then runs the whole input in one native call: no
// stream object, no 16 KiB output pieces to join. Big deflate-family inputs of the
// async forms are compressed on every core (pigz-style, one valid stream).

const builtin = require('node:zlib');
const { isArrayBufferView, isAnyArrayBuffer } = require('node:util').types;
const { native } = require('../native.js');
const { parseOptions, codecArgs, needsStreamEngine, headerDeclaresSmallWindow } = require('./options.js');
const { isErrorInfo, oneShotError } = require('./errors.js');
const { invalidArgType } = require('../errors.js');
const { validateFunction } = require('../validators.js');
const { onSettled } = require('../settle.js');
const { classByMode } = require('./streams.js');
const { keptBuffer } = require('../kept-buffer.js');
const { copied } = require('../kept-copies.js');

// Async one-shot compression goes parallel from here up (4 blocks of 128 KiB):
// below it one core finishes before the others would have started.
const PARALLEL_MIN_BYTES = 512 << 10;

/** The bytes a one-shot call reads, or undefined when Node would reject the input. */
function inputBytes(buffer) {
  if (isArrayBufferView(buffer)) return buffer;
  if (typeof buffer === 'string') return Buffer.from(buffer);
  if (isAnyArrayBuffer(buffer)) return Buffer.from(buffer);
  return undefined;
}

/**
 * What a callback form's stream is given in Node (zlibBuffer, then the stream's
 * write()): a view or an ArrayBuffer becomes a Buffer over the same memory, made as
 * Node makes it, so a view whose buffer is detached throws Node's TypeError here;
 * anything else stays as it is.
 */
function nodeChunkOf(buffer) {
  if (buffer instanceof Buffer) return buffer;
  if (isArrayBufferView(buffer)) return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (isAnyArrayBuffer(buffer)) return Buffer.from(buffer);
  return buffer;
}

/** A Buffer of its own holding the bytes of `view`. */
function ownCopy(view) {
  // A view of a detached buffer is empty input, as everywhere else.
  if (view.byteLength === 0) return Buffer.alloc(0);
  const copy = Buffer.allocUnsafe(view.byteLength);
  copy.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return copy;
}

// The native side keeps the buffer that sync calls decode into mapped between calls.
const syncBufferUsed = native ? keptBuffer(() => native.zlibReleaseSyncBuffer()) : () => {};

/** Node's zlibBuffer over a stream engine: for `info` and for inputs Node rejects late. */
function viaStream(engine, chunk, callback) {
  const pieces = [];
  let total = 0;
  const onData = (piece) => {
    pieces.push(piece);
    total += piece.length;
    if (total > engine._maxOutputLength) {
      engine.close();
      engine.removeAllListeners('end');
      callback(oneShotError({ code: 'ERR_BUFFER_TOO_LARGE' }, engine._maxOutputLength));
    }
  };
  engine.on('data', onData);
  engine.on('error', (error) => {
    engine.removeAllListeners('end');
    callback(error);
  });
  engine.on('end', () => {
    const result = total === 0 ? Buffer.alloc(0) : pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total);
    engine.close();
    if (engine._info) callback(null, { buffer: result, engine });
    else callback(null, result);
  });
  engine.end(chunk);
}

function makeSync(mode, name) {
  const Class = classByMode[mode];
  const builtinSync = builtin[`${name}Sync`];
  // Options parsed once for the common call without options.
  const defaults = parseOptions(undefined, mode);
  return function syncBufferWrapper(buffer, opts) {
    const parsed = opts === undefined ? defaults : parseOptions(opts, mode);
    if (parsed.builtinOnly) return builtinSync(buffer, opts);
    const bytes = inputBytes(buffer);
    if (bytes === undefined) {
      throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
    }
    if (headerDeclaresSmallWindow(parsed, bytes)) return builtinSync(buffer, opts);
    if (needsStreamEngine(parsed)) {
      const engine = new Class(opts);
      const result = engine._processChunk(bytes, engine._finishFlushFlag);
      return parsed.info ? { buffer: result, engine } : result;
    }
    const parallel = opts != null && opts.parallel === true;
    const result = native.zlibProcessSync(...codecArgs(parsed), bytes, parsed.maxOutputLength, parallel);
    if (isErrorInfo(result)) throw oneShotError(result, parsed.maxOutputLength);
    syncBufferUsed(result.length);
    return result;
  };
}

function makeAsync(mode, name) {
  const Class = classByMode[mode];
  const builtinAsync = builtin[name];
  return function asyncBufferWrapper(buffer, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    const parsed = parseOptions(opts, mode);
    if (parsed.builtinOnly) {
      builtinAsync(buffer, opts, callback);
      return;
    }
    validateFunction(callback, 'callback');
    // The addon copies `bytes` before the call returns.
    const chunk = nodeChunkOf(buffer);
    const bytes = needsStreamEngine(parsed) ? undefined : inputBytes(chunk);
    if (bytes === undefined) {
      viaStream(new Class(opts), chunk, callback);
      return;
    }
    if (headerDeclaresSmallWindow(parsed, bytes)) {
      builtinAsync(buffer, opts, callback);
      return;
    }
    const parallel = opts == null || opts.parallel !== false ? bytes.byteLength >= PARALLEL_MIN_BYTES : false;
    const processing = native.zlibProcess(...codecArgs(parsed), bytes, parsed.maxOutputLength, parallel);
    copied(bytes.byteLength);
    onSettled(
      processing,
      (result) => {
        if (isErrorInfo(result)) callback(oneShotError(result, parsed.maxOutputLength));
        else callback(null, result);
      },
      callback,
    );
  };
}

/**
 * Extra: one promise for many inputs, each processed on its own across all cores;
 * each input gets what the `*Sync` form would give it, and the promise rejects with
 * the first failing input's error. What the one-shot forms leave to Node's engine or
 * to a stream (small windows, a header declaring one, `info`, `rejectGarbageAfterEnd`,
 * a brotli dictionary) goes through `syncForm` itself, one input per turn of the
 * event loop.
 */
function makeMany(mode, syncForm) {
  const viaSyncForm = async (views, opts) => {
    // Copied now: each runs in a later turn, when JS may have changed, detached or
    // shrunk its buffer.
    const inputs = views.map(ownCopy);
    const results = [];
    for (const bytes of inputs) {
      await new Promise((resolve) => setImmediate(resolve));
      results.push(syncForm(bytes, opts));
    }
    return results;
  };
  return function many(buffers, opts) {
    if (!Array.isArray(buffers)) throw invalidArgType('buffers', 'Array', buffers);
    const parsed = parseOptions(opts, mode);
    const inputs = buffers.map((buffer, index) => {
      const bytes = inputBytes(buffer);
      if (bytes === undefined) {
        throw invalidArgType(`buffers[${index}]`, ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
      }
      return bytes;
    });
    if (parsed.builtinOnly || needsStreamEngine(parsed) || inputs.some((bytes) => headerDeclaresSmallWindow(parsed, bytes))) {
      return viaSyncForm(inputs, opts);
    }
    const processing = native.zlibProcessMany(...codecArgs(parsed), inputs, parsed.maxOutputLength);
    copied(inputs.reduce((most, bytes) => Math.max(most, bytes.byteLength), 0));
    return processing.then((results) =>
      results.map((result) => {
        if (isErrorInfo(result)) throw oneShotError(result, parsed.maxOutputLength);
        return result;
      }),
    );
  };
}

module.exports = { makeSync, makeAsync, makeMany, PARALLEL_MIN_BYTES };
