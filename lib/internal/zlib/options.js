'use strict';

// Option parsing for hotpath/zlib with Node's order of checks, defaults and errors.
// A stream constructor and a one-shot function parse options the same way, so a
// bad option throws the same error from `createGzip(o)` and from `gzipSync(b, o)`.
// Options whose rules changed between Node versions follow version-rules.js.

const { constants } = require('node:zlib');
const { kMaxLength } = require('node:buffer');
const { isArrayBufferView, isAnyArrayBuffer } = require('node:util').types;
const { invalidArgType, outOfRange, makeNodeError } = require('../errors.js');
const { validateBoolean } = require('../validators.js');
const { native, nativeEnum } = require('../native.js');
const { initializationFailed } = require('./errors.js');
const rules = require('./version-rules.js');

const {
  Z_NO_FLUSH, Z_BLOCK, Z_FULL_FLUSH, Z_FINISH,
  Z_MIN_CHUNK, Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_MIN_LEVEL, Z_MAX_LEVEL,
  Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_CHUNK, Z_DEFAULT_COMPRESSION,
  Z_DEFAULT_STRATEGY, Z_DEFAULT_WINDOWBITS, Z_DEFAULT_MEMLEVEL, Z_FIXED,
  DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE,
  BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH,
  BROTLI_OPERATION_EMIT_METADATA,
} = constants;

const UNSET_PARAM = 0xffffffff;
// The largest number a settings slot (an Int32Array) holds.
const INT32_MAX = 2 ** 31 - 1;
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
  parsed.dictionary = parseDictionary(opts);
  parsed.builtinOnly = inflatesWithSmallWindow(mode, parsed.windowBits);
  return parsed;
}

const isBrotli = (mode) => mode === BROTLI_DECODE || mode === BROTLI_ENCODE;
const isInflater = (mode) => mode === INFLATE || mode === GUNZIP || mode === INFLATERAW || mode === UNZIP;

/**
 * Inflating with a window under 32 KiB: zlib fails a distance beyond the window
 * unless it lands in the current call's output, so the outcome hangs on zlib's
 * window size and on each call's room. zlib-rs always keeps a 32 KiB window and so
 * decodes what zlib rejects: only Node's engine gives Node's answer here.
 */
function inflatesWithSmallWindow(mode, windowBits) {
  return isInflater(mode) && typeof windowBits === 'number' && windowBits >= Z_MIN_WINDOWBITS && windowBits < Z_MAX_WINDOWBITS;
}

function parseDictionary(opts) {
  const dictionary = opts.dictionary;
  if (dictionary === undefined || isArrayBufferView(dictionary)) return dictionary;
  if (!isAnyArrayBuffer(dictionary)) {
    throw invalidArgType('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], dictionary);
  }
  return Buffer.from(dictionary);
}

// C brotli's SetParameter refuses these at init (Node then throws "Initialization
// failed"): the encoder a DISABLE_LITERAL_CONTEXT_MODELING other than 0 or 1, the
// decoder any key but its two (DISABLE_RING_BUFFER_REALLOCATION, LARGE_WINDOW).
const BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING = constants.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING;
const BROTLI_DECODER_KEYS = 2;

function brotliRefuses(mode, key, value) {
  if (mode === BROTLI_DECODE) return key >= BROTLI_DECODER_KEYS;
  return key === BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING && value !== 0 && value !== 1;
}

/** Brotli's options: params, and (Node 24+) a dictionary, which only Node's engine takes. */
function parseBrotliOptions(opts, mode) {
  const brotliParams = parseBrotliParams(opts);
  let dictionary;
  if (opts && opts.dictionary !== undefined && rules.brotliTakesDictionary()) dictionary = parseDictionary(opts);
  for (let i = 0; brotliParams !== undefined && i < brotliParams.length; i += 2) {
    if (brotliRefuses(mode, brotliParams[i], brotliParams[i + 1])) throw initializationFailed();
  }
  return { brotliParams, builtinOnly: dictionary !== undefined };
}

/** The quality parsed brotli params ask for (Node's default: 11). */
function brotliQuality(parsed) {
  const pairs = parsed.brotliParams;
  for (let i = 0; pairs !== undefined && i < pairs.length; i += 2) {
    if (pairs[i] === constants.BROTLI_PARAM_QUALITY) return pairs[i + 1];
  }
  return constants.BROTLI_DEFAULT_QUALITY;
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
  const brotli = isBrotli(mode);
  const defaults = brotli ? BROTLI_FLUSH_DEFAULTS : ZLIB_FLUSH_DEFAULTS;
  const [lowest, highest] = brotli ? [BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_EMIT_METADATA] : [Z_NO_FLUSH, Z_BLOCK];
  const parsed = {
    chunkSize: Z_DEFAULT_CHUNK,
    flushBounds: [lowest, highest],
    flush: defaults.flush,
    finishFlush: defaults.finishFlush,
    fullFlush: defaults.fullFlush,
    maxOutputLength: kMaxLength,
    info: opts && opts.info,
    rejectGarbageAfterEnd: false,
    singleMember: false,
  };
  if (!opts) return parsed;
  if (isGivenFiniteNumber(opts.chunkSize, 'options.chunkSize')) {
    if (opts.chunkSize < Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${Z_MIN_CHUNK}`, opts.chunkSize);
    parsed.chunkSize = opts.chunkSize;
  }
  parsed.flush = checkRangesOrGetDefault(opts.flush, 'options.flush', lowest, highest, defaults.flush);
  parsed.finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', lowest, highest, defaults.finishFlush);
  parsed.maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
  const garbageRule = opts.rejectGarbageAfterEnd === undefined ? rules.GARBAGE_IGNORED : rules.garbageRule();
  if (garbageRule === rules.GARBAGE_EVERYWHERE) validateBoolean(opts.rejectGarbageAfterEnd, 'options.rejectGarbageAfterEnd');
  parsed.rejectGarbageAfterEnd = garbageRule !== rules.GARBAGE_IGNORED && opts.rejectGarbageAfterEnd === true;
  // Node 24's engine ends gunzip after one member when asked to reject garbage.
  parsed.singleMember = garbageRule === rules.GARBAGE_EVERYWHERE && parsed.rejectGarbageAfterEnd;
  return parsed;
}

const Setting = nativeEnum('ZlibSetting');
const SettingFlag = nativeEnum('ZlibSettingFlag');

/** The parsed options as the addon reads them: one Int32Array, slots named by the addon. */
function nativeSettings(parsed) {
  if (!native) return null;
  const settings = new Int32Array(native.ZLIB_SETTINGS_LENGTH);
  settings[Setting.Mode] = parsed.mode;
  settings[Setting.WindowBits] = parsed.windowBits ?? 0;
  settings[Setting.Level] = parsed.level ?? Z_DEFAULT_COMPRESSION;
  settings[Setting.MemLevel] = parsed.memLevel ?? Z_DEFAULT_MEMLEVEL;
  settings[Setting.Strategy] = parsed.strategy ?? Z_DEFAULT_STRATEGY;
  // A chunkSize beyond 2 GiB behaves as 2 GiB: no piece gets that big.
  settings[Setting.ChunkSize] = Math.min(parsed.chunkSize, INT32_MAX);
  settings[Setting.FinishFlush] = parsed.finishFlush;
  settings[Setting.Flags] = parsed.singleMember ? SettingFlag.SingleMember : 0;
  return settings;
}

/** Every option of a stream of `mode`, checked in the order Node checks them. */
function parseOptions(opts, mode) {
  const brotli = isBrotli(mode);
  // Node's own rule: zlib cannot write a raw stream with a 256-byte window.
  if (mode === DEFLATERAW && opts && opts.windowBits === Z_MIN_WINDOWBITS) opts.windowBits = Z_MIN_WINDOWBITS + 1;
  const codec = brotli ? parseBrotliOptions(opts, mode) : parseZlibOptions(opts, mode);
  const parsed = { mode, ...codec, ...parseStreamOptions(opts, mode) };
  // hotpath's own option: every core (true) or one (false); Node has no such option.
  if (opts && opts.parallel !== undefined) validateBoolean(opts.parallel, 'options.parallel');
  allocatesChunkAsNodeDoes(parsed.chunkSize);
  parsed.settings = nativeSettings(parsed);
  return parsed;
}

// Node allocates one chunkSize output buffer per stream and per one-shot call, last of
// all its checks, so a chunkSize no Buffer can have fails there, with the running
// version's error (20: ERR_OUT_OF_RANGE or ERR_BUFFER_TOO_LARGE; 22: "Array buffer
// allocation failed"; 24+: ERR_MEMORY_ALLOCATION_FAILED). hotpath never needs that
// buffer, but allocates it for sizes where the allocation could fail, to throw the same.
const CHUNK_SURELY_ALLOCATES = 64 * 1024 * 1024;

function allocatesChunkAsNodeDoes(chunkSize) {
  if (chunkSize > CHUNK_SURELY_ALLOCATES) Buffer.allocUnsafeSlow(chunkSize);
}

/**
 * The engine arguments every native zlib entry point starts with: the settings and the
 * one view the mode takes (a zlib mode's dictionary, a brotli mode's key/value params).
 */
function codecArgs(parsed) {
  return [parsed.settings, isBrotli(parsed.mode) ? parsed.brotliParams : parsed.dictionary];
}

module.exports = {
  parseOptions,
  brotliQuality,
  checkRangesOrGetDefault,
  codecArgs,
};
