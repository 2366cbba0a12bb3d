'use strict';

// The zlib and brotli stream classes of hotpath/zlib. They follow Node's zlib.js
// contract (callable without `new`, the same fields, flush/params/reset/close,
// event order, error shapes), while each write runs Node's per-chunk engine loop
// in one native call on hotpath's pool instead of one crossing per 16 KiB.

const { Transform, finished } = require('node:stream');
const { deprecate } = require('node:util');
const builtin = require('node:zlib');
const { constants } = builtin;
const { native } = require('../native.js');
const { parseOptions, checkRangesOrGetDefault, codecArgs, brotliQuality } = require('./options.js');
const rules = require('./version-rules.js');
const { smallWriteRule } = require('./small-writes.js');
const { makeNodeError } = require('../errors.js');
const {
  kError, kPending, newWriteState, failStream, closeHandle, processChunk, processChunkSync,
} = require('./stream-writes.js');

const {
  Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH,
  Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_STRATEGY, Z_FIXED,
  DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE,
} = constants;

const kFlushFlag = Symbol('kFlushFlag');

// Flush strength, weakest first, as zlib orders them.
const FLUSH_ORDER = [Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH];
const flushStrength = [];
FLUSH_ORDER.forEach((flag, index) => {
  flushStrength[flag] = index;
});
const strongerFlush = (a, b) => (flushStrength[a] > flushStrength[b] ? a : b);

// Zero-length marker chunks that carry a flush request through write().
const flushMarkers = [];
for (const flag of FLUSH_ORDER) {
  flushMarkers[flag] = Buffer.from(new ArrayBuffer(0));
  flushMarkers[flag][kFlushFlag] = flag;
}

function internalAssertion(message) {
  return makeNodeError(
    Error,
    'ERR_INTERNAL_ASSERTION',
    `${message}\nThis is caused by either a bug in Node.js or incorrect usage of Node.js internals.\n` +
      'Please open an issue with this stack trace at https://github.com/nodejs/node/issues\n',
  );
}

function ZlibBase(opts, parsed) {
  let transformOptions = opts;
  // Node 26 also forces decodeStrings on; Node 20-24 abort the process when a string
  // reaches their engine that way, so hotpath takes 26's rule everywhere.
  if (opts && (opts.encoding || opts.objectMode || opts.writableObjectMode || opts.decodeStrings === false)) {
    transformOptions = { ...opts, encoding: null, objectMode: false, writableObjectMode: false, decodeStrings: true };
  }
  Reflect.apply(Transform, this, [{ autoDestroy: true, ...transformOptions }]);
  this[kError] = null;
  this[kPending] = null;
  this.bytesWritten = 0;
  this._handle = new native.ZlibStream(...codecArgs(parsed));
  this._writeState = newWriteState();
  this._smallWrites = smallWriteRule(parsed);
  // The output buffer small writes slice their pieces from, made at the first.
  this._outBuffer = null;
  this._outBufferEnd = 0;
  this._chunkSize = parsed.chunkSize;
  this._defaultFlushFlag = parsed.flush;
  this._finishFlushFlag = parsed.finishFlush;
  this._defaultFullFlushFlag = parsed.fullFlush;
  this._info = parsed.info;
  this._maxOutputLength = parsed.maxOutputLength;
  this._flushBounds = parsed.flushBounds;
  this._rejectGarbageAfterEnd = parsed.rejectGarbageAfterEnd;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, '_closed', {
  configurable: true,
  enumerable: true,
  get() {
    return !this._handle;
  },
});

// The deprecated alias of bytesWritten, where the running Node still has it (not 24+).
if (rules.hasBytesRead()) {
  Object.defineProperty(ZlibBase.prototype, 'bytesRead', {
    configurable: true,
    enumerable: true,
    get: deprecate(function bytesRead() {
      return this.bytesWritten;
    }, 'zlib.bytesRead is deprecated and will change its meaning in the future. Use zlib.bytesWritten instead.', 'DEP0108'),
    set: deprecate(function bytesRead(value) {
      this.bytesWritten = value;
    }, 'Setting zlib.bytesRead is deprecated. This feature will be removed in the future.', 'DEP0108'),
  });
}

ZlibBase.prototype.reset = function reset() {
  if (!this._handle) throw internalAssertion('zlib binding closed');
  const failure = this._handle.reset();
  if (failure) failStream(this, failure);
};

ZlibBase.prototype._flush = function _flush(callback) {
  this._transform(Buffer.alloc(0), '', callback);
};

ZlibBase.prototype._final = function _final(callback) {
  callback();
};

ZlibBase.prototype.flush = function flush(kind, callback) {
  if (typeof kind === 'function' || (kind === undefined && !callback)) {
    callback = kind;
    kind = this._defaultFullFlushFlag;
  }
  if (rules.flushChecksKind()) {
    kind = checkRangesOrGetDefault(kind, 'kind', this._flushBounds[0], this._flushBounds[1], this._defaultFullFlushFlag);
  }
  if (this.writableFinished) {
    if (callback) process.nextTick(callback);
  } else if (this.writableEnded) {
    if (callback) this.once('end', callback);
  } else {
    this.write(flushMarkers[kind], '', callback);
  }
};

ZlibBase.prototype.close = function close(callback) {
  if (callback) finished(this, callback);
  this.destroy();
};

ZlibBase.prototype._destroy = function _destroy(error, callback) {
  closeHandle(this);
  callback(error);
};

ZlibBase.prototype._transform = function _transform(chunk, encoding, callback) {
  let flushFlag = this._defaultFlushFlag;
  if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
  // The last chunk also carries the finishing flush.
  if (this.writableEnded && this.writableLength === chunk.byteLength) {
    flushFlag = strongerFlush(flushFlag, this._finishFlushFlag);
  }
  processChunk(this, chunk, flushFlag, callback);
};

ZlibBase.prototype._processChunk = function _processChunk(chunk, flushFlag, callback) {
  if (typeof callback === 'function') return processChunk(this, chunk, flushFlag, callback);
  return processChunkSync(this, chunk, flushFlag);
};

function Zlib(opts, parsed) {
  Reflect.apply(ZlibBase, this, [opts, parsed]);
  this._level = parsed.level;
  this._strategy = parsed.strategy;
}
Object.setPrototypeOf(Zlib.prototype, ZlibBase.prototype);
Object.setPrototypeOf(Zlib, ZlibBase);

function applyParamsAfterFlush(level, strategy, callback, error) {
  if (rules.paramsGivesFlushErrorToCallback() && (error || this.destroyed || !this._handle)) {
    if (callback) callback(error);
    return;
  }
  if (!this._handle) throw internalAssertion('zlib binding closed');
  const failure = this._handle.params(level, strategy);
  if (failure) failStream(this, failure);
  if (!this.destroyed) {
    this._level = level;
    this._strategy = strategy;
    if (callback) callback();
  }
}

Zlib.prototype.params = function params(level, strategy, callback) {
  checkRangesOrGetDefault(level, 'level', Z_MIN_LEVEL, Z_MAX_LEVEL);
  checkRangesOrGetDefault(strategy, 'strategy', Z_DEFAULT_STRATEGY, Z_FIXED);
  if (this._level !== level || this._strategy !== strategy) {
    this.flush(Z_SYNC_FLUSH, applyParamsAfterFlush.bind(this, level, strategy, callback));
  } else {
    process.nextTick(callback);
  }
};

function Brotli(opts, parsed) {
  Reflect.apply(ZlibBase, this, [opts, parsed]);
}

// The classes whose options may ask for what only Node's engine does (a brotli
// dictionary, inflating with a small window: parsed.builtinOnly, options.js).
// Such a stream is the built-in's, which the face's class counts as its instance.
const MAY_USE_BUILTIN_ENGINE = new Set([BROTLI_ENCODE, BROTLI_DECODE, INFLATE, GUNZIP, INFLATERAW, UNZIP]);
Object.setPrototypeOf(Brotli.prototype, Zlib.prototype);
Object.setPrototypeOf(Brotli, Zlib);

// A brotli stream at quality 10-11 spends milliseconds per message in the encoder,
// where hotpath's C brotli (1.0.9) is older than Node's and measured 0.63-1.0x Node's
// time per stream (benches/zlib.bench.mjs): that stream is Node's own.
const NODE_BROTLI_QUALITY = 10;
const slowerThanNodes = (parsed) => parsed.mode === BROTLI_ENCODE && brotliQuality(parsed) >= NODE_BROTLI_QUALITY;

/**
 * A stream class callable with or without `new` (warning once, DEP0184, where the
 * running Node does), named as Node names it.
 */
function defineClass(name, Parent, mode) {
  const BuiltinClass = builtin[name];
  const warnWithoutNew = deprecate(
    () => {},
    `Instantiating ${name} without the 'new' keyword has been deprecated.`,
    'DEP0184',
  );
  const holder = {
    [name]: function (opts) {
      if (!(this instanceof holder[name])) {
        if (rules.warnsWithoutNew()) warnWithoutNew();
        return new holder[name](opts);
      }
      const parsed = parseOptions(opts, mode);
      if (parsed.builtinOnly || slowerThanNodes(parsed)) return new BuiltinClass(opts);
      Reflect.apply(Parent, this, [opts, parsed]);
    },
  };
  const Class = holder[name];
  Object.setPrototypeOf(Class.prototype, Parent.prototype);
  Object.setPrototypeOf(Class, Parent);
  if (MAY_USE_BUILTIN_ENGINE.has(mode)) {
    // A stream handed to Node's engine (builtinOnly) is an instance too.
    Object.defineProperty(Class, Symbol.hasInstance, {
      value: (instance) => Function.prototype[Symbol.hasInstance].call(Class, instance) || instance instanceof BuiltinClass,
      configurable: true,
    });
  }
  return Class;
}

/** The stream classes by Node's name (the face's classes and create* factories). */
const STREAM_CLASSES = {};
/** The same classes by zlib mode (what a one-shot call's stream engine is). */
const classByMode = {};
for (const [name, Parent, mode] of [
  ['Deflate', Zlib, DEFLATE],
  ['Inflate', Zlib, INFLATE],
  ['Gzip', Zlib, GZIP],
  ['Gunzip', Zlib, GUNZIP],
  ['DeflateRaw', Zlib, DEFLATERAW],
  ['InflateRaw', Zlib, INFLATERAW],
  ['Unzip', Zlib, UNZIP],
  ['BrotliCompress', Brotli, BROTLI_ENCODE],
  ['BrotliDecompress', Brotli, BROTLI_DECODE],
]) {
  const Class = defineClass(name, Parent, mode);
  STREAM_CLASSES[name] = Class;
  classByMode[mode] = Class;
}

module.exports = { STREAM_CLASSES, classByMode };
