'use strict';

// The one-shot functions of hotpath/zlib (gzip/gzipSync and their relatives) and
// the batch extras (gzipMany …). A one-shot call parses options exactly as the
// stream constructor would, then goes where route.js sends it: mostly one native
// call over the whole input, with no stream object and no 16 KiB output pieces to
// join (big deflate-family inputs of the callback forms on every core).

const builtin = require('node:zlib');
const { isArrayBufferView, isAnyArrayBuffer } = require('node:util').types;
const { native } = require('../native.js');
const { parseOptions, codecArgs } = require('./options.js');
const { route, mayUseEveryCore, trace, NODE, STREAM, NATIVE } = require('./route.js');
const { isErrorInfo, oneShotError } = require('./errors.js');
const { invalidArgType } = require('../errors.js');
const { validateFunction } = require('../validators.js');
const { onSettled } = require('../settle.js');
const { classByMode } = require('./streams.js');
const { keptBuffer } = require('../kept-buffer.js');
const { copied } = require('../kept-copies.js');
const { longWorkOptionsOf, runLongWork, JsWorkControl } = require('../long-work.js');

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
    const bytes = parsed.builtinOnly ? undefined : inputBytes(buffer);
    const decided = route(parsed, bytes);
    const everyCore = mayUseEveryCore('sync', opts);
    trace(`${name}Sync`, parsed, bytes, decided, everyCore);
    if (decided.to === NODE) return builtinSync(buffer, opts);
    if (bytes === undefined) {
      throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
    }
    if (decided.to === STREAM) {
      const engine = new Class(opts);
      const result = engine._processChunk(bytes, engine._finishFlushFlag);
      return parsed.info ? { buffer: result, engine } : result;
    }
    const result = native.zlibProcessSync(...codecArgs(parsed), bytes, parsed.maxOutputLength, everyCore);
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
    let chunk;
    let bytes;
    // Node's own function checks its callback itself.
    if (!parsed.builtinOnly) {
      validateFunction(callback, 'callback');
      chunk = nodeChunkOf(buffer);
      bytes = inputBytes(chunk);
    }
    const decided = route(parsed, bytes);
    const everyCore = mayUseEveryCore('callback', opts);
    trace(name, parsed, bytes, decided, everyCore);
    if (decided.to === NODE) {
      builtinAsync(buffer, opts, callback);
      return;
    }
    if (decided.to === STREAM) {
      viaStream(new Class(opts), chunk, callback);
      return;
    }
    // The addon copies `bytes` before the call returns.
    const processing = native.zlibProcess(...codecArgs(parsed), bytes, parsed.maxOutputLength, everyCore);
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
 * the first failing input's error (every error rejects: it never throws). What the
 * one-shot forms leave to Node's engine or to a stream (small windows, a header
 * declaring one, `info`, `rejectGarbageAfterEnd`, a brotli dictionary) goes through
 * `syncForm` itself, one input per turn of the event loop. `signal` and
 * `onProgress` (inputs done, of all) as long-work.js runs them.
 */
function makeMany(mode, name, syncForm) {
  const viaSyncForm = (views, opts, longWork) => {
    // Copied now: each runs in a later turn, when JS may have changed, detached or
    // shrunk its buffer.
    const inputs = views.map(ownCopy);
    const work = async (control) => {
      const results = [];
      for (const bytes of inputs) {
        await new Promise((resolve) => setImmediate(resolve));
        if (control.cancelled) return null;
        results.push(syncForm(bytes, opts));
        control.doneUnits++;
      }
      return results;
    };
    return runLongWork(longWork, work, new JsWorkControl(inputs.length));
  };
  return async function many(buffers, opts) {
    if (!Array.isArray(buffers)) throw invalidArgType('buffers', 'Array', buffers);
    const parsed = parseOptions(opts, mode);
    const longWork = longWorkOptionsOf(opts);
    const inputs = buffers.map((buffer, index) => {
      const bytes = inputBytes(buffer);
      if (bytes === undefined) {
        throw invalidArgType(`buffers[${index}]`, ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
      }
      return bytes;
    });
    const routes = inputs.map((bytes) => route(parsed, bytes));
    routes.forEach((decided, index) => trace(`${name}Many`, parsed, inputs[index], decided, false));
    if (routes.some((decided) => decided.to !== NATIVE)) return viaSyncForm(inputs, opts, longWork);
    const results = await runLongWork(longWork, (control) => {
      const processing = native.zlibProcessMany(...codecArgs(parsed), inputs, parsed.maxOutputLength, control);
      copied(inputs.reduce((most, bytes) => Math.max(most, bytes.byteLength), 0));
      return processing;
    });
    return results.map((result) => {
      if (isErrorInfo(result)) throw oneShotError(result, parsed.maxOutputLength);
      return result;
    });
  };
}

module.exports = { makeSync, makeAsync, makeMany };
