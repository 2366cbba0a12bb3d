'use strict';

// Option parsing for hotpath/zlib with Node's order of checks, defaults and errors.
// A stream constructor and a one-shot function parse options the same way, so a
// bad option throws the same error from `createGzip(o)` and from `gzipSync(b, o)`.

const { constants } = require('node:zlib');
const { kMaxLength } = require('node:buffer');
const { isArrayBufferView, isAnyArrayBuffer } = require('node:util').types;
const { invalidArgType, outOfRange, makeNodeError } = require('./errors.js');

const {
  Z_NO_FLUSH, Z_BLOCK, Z_FULL_FLUSH, Z_FINISH,
  Z_MIN_CHUNK, Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_MIN_LEVEL, Z_MAX_LEVEL,
  Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_CHUNK, Z_DEFAULT_COMPRESSION,
  Z_DEFAULT_STRATEGY, Z_DEFAULT_WINDOWBITS, Z_DEFAULT_MEMLEVEL, Z_FIXED,
  DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE,
  BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH,
  BROTLI_OPERATION_EMIT_METADATA,
} = constants;

const UNSET_PARAM = 0xffffffff;
const MAX_BROTLI_PARAM = Math.max(
  ...Object.keys(constants).filter((k) => k.startsWith('BROTLI_PARAM_')).map((k) => constants[k]),
);

/** Node's validateFiniteNumber: false means "use the default". */
function isGivenFiniteNumber(number, name) {
  if (number === undefined) return false;
  if (Number.isFinite(number)) return true;
  if (Number.isNaN(number)) return false;
  if (typeof number !== 'number') throw invalidArgType(name, 'number', number);
  throw outOfRange(name, 'a finite number', number);
}

function checkRangesOrGetDefault(number, name, lower, upper, def) {
  if (!isGivenFiniteNumber(number, name)) return def;
  if (number < lower || number > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, number);
  return number;
}

/** The zlib-specific options (windowBits, level, memLevel, strategy, dictionary). */
function parseZlibOptions(opts, mode) {
  const parsed = {
    windowBits: Z_DEFAULT_WINDOWBITS,
    level: Z_DEFAULT_COMPRESSION,
    memLevel: Z_DEFAULT_MEMLEVEL,
    strategy: Z_DEFAULT_STRATEGY,
    dictionary: undefined,
  };
  if (!opts) return parsed;
  const autoWindow = mode === INFLATE || mode === GUNZIP || mode === UNZIP;
  if (autoWindow && (opts.windowBits == null || opts.windowBits === 0)) {
    parsed.windowBits = 0;
  } else {
    // Gzip needs 9: zlib cannot write a gzip header for a 256-byte window.
    const min = Z_MIN_WINDOWBITS + (mode === GZIP ? 1 : 0);
    parsed.windowBits = checkRangesOrGetDefault(opts.windowBits, 'options.windowBits', min, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS);
  }
  parsed.level = checkRangesOrGetDefault(opts.level, 'options.level', Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION);
  parsed.memLevel = checkRangesOrGetDefault(opts.memLevel, 'options.memLevel', Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL);
  parsed.strategy = checkRangesOrGetDefault(opts.strategy, 'options.strategy', Z_DEFAULT_STRATEGY, Z_FIXED, Z_DEFAULT_STRATEGY);
  let dictionary = opts.dictionary;
  if (dictionary !== undefined && !isArrayBufferView(dictionary)) {
    if (!isAnyArrayBuffer(dictionary)) {
      throw invalidArgType('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], dictionary);
    }
    dictionary = Buffer.from(dictionary);
  }
  parsed.dictionary = dictionary;
  return parsed;
}

/** Brotli `params` as a Uint32Array of key, value pairs (Node's checks, in order). */
function parseBrotliParams(opts) {
  if (!opts || !opts.params) return undefined;
  const byKey = new Uint32Array(MAX_BROTLI_PARAM + 1).fill(UNSET_PARAM);
  for (const origKey of Object.keys(opts.params)) {
    const key = +origKey;
    if (Number.isNaN(key) || key < 0 || key > MAX_BROTLI_PARAM || (byKey[key] | 0) !== -1) {
      throw makeNodeError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${origKey} is not a valid Brotli parameter`);
    }
    const value = opts.params[origKey];
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw invalidArgType('options.params[key]', 'number', value);
    }
    byKey[key] = value;
  }
  const pairs = [];
  byKey.forEach((value, key) => {
    if (value !== UNSET_PARAM) pairs.push(key, value);
  });
  return pairs.length > 0 ? new Uint32Array(pairs) : undefined;
}

const ZLIB_FLUSH_DEFAULTS = { flush: Z_NO_FLUSH, finishFlush: Z_FINISH, fullFlush: Z_FULL_FLUSH };
const BROTLI_FLUSH_DEFAULTS = {
  flush: BROTLI_OPERATION_PROCESS,
  finishFlush: BROTLI_OPERATION_FINISH,
  fullFlush: BROTLI_OPERATION_FLUSH,
};

/** The options every zlib and brotli stream shares (ZlibBase's checks). */
function parseStreamOptions(opts, mode) {
  const brotli = mode === BROTLI_DECODE || mode === BROTLI_ENCODE;
  const defaults = brotli ? BROTLI_FLUSH_DEFAULTS : ZLIB_FLUSH_DEFAULTS;
  const [lowest, highest] = brotli ? [BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_EMIT_METADATA] : [Z_NO_FLUSH, Z_BLOCK];
  const parsed = {
    chunkSize: Z_DEFAULT_CHUNK,
    flush: defaults.flush,
    finishFlush: defaults.finishFlush,
    fullFlush: defaults.fullFlush,
    maxOutputLength: kMaxLength,
    info: opts && opts.info,
  };
  if (!opts) return parsed;
  if (isGivenFiniteNumber(opts.chunkSize, 'options.chunkSize')) {
    if (opts.chunkSize < Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${Z_MIN_CHUNK}`, opts.chunkSize);
    parsed.chunkSize = opts.chunkSize;
  }
  parsed.flush = checkRangesOrGetDefault(opts.flush, 'options.flush', lowest, highest, defaults.flush);
  parsed.finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', lowest, highest, defaults.finishFlush);
  parsed.maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
  return parsed;
}

/** Every option of a stream of `mode`, checked in the order Node checks them. */
function parseOptions(opts, mode) {
  const brotli = mode === BROTLI_DECODE || mode === BROTLI_ENCODE;
  if (mode === DEFLATERAW && opts && opts.windowBits === 8) opts.windowBits = 9;
  const codec = brotli ? { brotliParams: parseBrotliParams(opts) } : parseZlibOptions(opts, mode);
  const parsed = { mode, ...codec, ...parseStreamOptions(opts, mode) };
  // What the native side reads: [mode, windowBits, level, memLevel, strategy,
  // chunkSize] (a chunkSize beyond 2 GiB behaves as 2 GiB: no piece gets that big).
  parsed.settings = Int32Array.of(
    mode,
    parsed.windowBits ?? 0,
    parsed.level ?? -1,
    parsed.memLevel ?? 8,
    parsed.strategy ?? 0,
    Math.min(parsed.chunkSize, 2 ** 31 - 1),
  );
  return parsed;
}

/** The engine arguments every native zlib entry point starts with. */
function codecArgs(parsed) {
  return [parsed.settings, parsed.dictionary, parsed.brotliParams];
}

module.exports = { parseOptions, checkRangesOrGetDefault, codecArgs };
