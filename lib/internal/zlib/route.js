'use strict';

// Where a one-shot zlib call runs, decided here for the sync, callback and *Many forms
// alike, from the parsed options and the input:
// - NODE: Node's own function, for what only Node's engine answers as Node does (a
//   brotli dictionary, inflating with a window under 32 KiB, asked for or declared by
//   the zlib header).
// - STREAM: hotpath's stream engine, as Node's zlibBuffer runs it, for results that
//   hang on how Node's stream cuts its work (`info`, rejectGarbageAfterEnd) and for
//   inputs Node's callback form rejects only once its stream sees them.
// - NATIVE: one native call over the whole buffer. Which engine runs it (libdeflate,
//   zlib-rs, brotli, parallel deflate) and every size threshold that picks one is the
//   addon's (src/zlib/route.rs); JS says only whether the call may use every core.
// HOTPATH_TRACE=zlib (a comma-separated list of faces) prints each call's route on
// stderr, the native engine included.

const { constants } = require('node:zlib');
const { native } = require('../native.js');
const { codecArgs } = require('./options.js');

const { INFLATE, UNZIP } = constants;

const NODE = 'node';
const STREAM = 'stream';
const NATIVE = 'native';
const ENGINE_NAMES = { [NODE]: 'Node\'s engine', [STREAM]: 'hotpath\'s stream engine' };

// One-shot functions that stay Node's own: hotpath's brotli encoder is Google's C
// brotli, as Node's, and measured 0.89–1.05× Node's for one whole buffer (qualities 4,
// 5 and 11, Node 20–26), so the face keeps the built-in function itself; the
// `brotliCompressSync` rows of benches/zlib.bench.mjs check that it costs nothing.
// Their streams and brotliCompressMany (every core) are hotpath's.
const NODE_ONE_SHOT = new Set(['brotliCompress']);

// A zlib header (RFC 1950): CMF's low nibble is the method (8, deflate), its high
// nibble CINFO, log2 of the window minus 8 (7: 32 KiB). Unzip reads gzip by its magic.
const ZLIB_HEADER_LENGTH = 2;
const ZLIB_CM_MASK = 0x0f;
const ZLIB_CM_DEFLATE = 8;
const ZLIB_CINFO_SHIFT = 4;
const ZLIB_CINFO_32K = 7;
const GZIP_MAGIC_FIRST_BYTE = 0x1f;

/**
 * Inflating (or unzipping non-gzip input) with the window the zlib header declares
 * (windowBits 0, also what Node reads from options without windowBits), where the
 * header declares one under 32 KiB: see inflatesWithSmallWindow (options.js). With windowBits 15
 * zlib keeps 32 KiB whatever the header says, as zlib-rs does.
 */
function headerDeclaresSmallWindow(parsed, bytes) {
  const mode = parsed.mode;
  if ((mode !== INFLATE && mode !== UNZIP) || parsed.windowBits !== 0) return false;
  if (bytes.byteLength < ZLIB_HEADER_LENGTH) return false;
  // The first byte, whatever the view's element type.
  const cmf = bytes instanceof Uint8Array ? bytes[0] : new Uint8Array(bytes.buffer, bytes.byteOffset, 1)[0];
  if (mode === UNZIP && cmf === GZIP_MAGIC_FIRST_BYTE) return false;
  return (cmf & ZLIB_CM_MASK) === ZLIB_CM_DEFLATE && cmf >> ZLIB_CINFO_SHIFT < ZLIB_CINFO_32K;
}

// The answers, made once: route() runs on every call.
const BUILTIN_OPTIONS = Object.freeze({ to: NODE, why: 'options only Node\'s engine answers as Node does' });
const SMALL_WINDOW_HEADER = Object.freeze({ to: NODE, why: 'a zlib header declaring a window under 32 KiB' });
const STREAM_OPTIONS = Object.freeze({ to: STREAM, why: 'info or rejectGarbageAfterEnd' });
const STREAM_INPUT = Object.freeze({ to: STREAM, why: 'an input Node\'s stream rejects' });
const WHOLE_BUFFER = Object.freeze({ to: NATIVE, why: 'the addon\'s route (src/zlib/route.rs)' });

/**
 * `{ to, why }` for a call with these parsed options on `bytes` (undefined: an input
 * only a stream can reject, as Node's callback form does).
 */
function route(parsed, bytes) {
  if (parsed.builtinOnly) return BUILTIN_OPTIONS;
  if (bytes !== undefined && headerDeclaresSmallWindow(parsed, bytes)) return SMALL_WINDOW_HEADER;
  // Results that hang on how Node's stream cuts its work into chunkSize pieces.
  if (parsed.info || parsed.rejectGarbageAfterEnd) return STREAM_OPTIONS;
  if (bytes === undefined) return STREAM_INPUT;
  return WHOLE_BUFFER;
}

/** Whether a call of this form may spread over every core (the addon decides if it does). */
function mayUseEveryCore(form, opts) {
  if (form === 'sync') return opts != null && opts.parallel === true;
  if (form === 'callback') return opts == null || opts.parallel !== false;
  return false; // *Many: each input on its own core already
}

const tracing = String(process.env.HOTPATH_TRACE || '')
  .split(',')
  .map((name) => name.trim())
  .includes('zlib');

/** With HOTPATH_TRACE=zlib: one line on stderr naming the route `name(bytes)` took. */
function trace(name, parsed, bytes, decided, everyCore) {
  if (!tracing) return;
  const size = bytes === undefined ? 'input' : `${bytes.byteLength} B`;
  const where =
    decided.to === NATIVE ? native.zlibRoute(...codecArgs(parsed), bytes, everyCore) : `${ENGINE_NAMES[decided.to]}: ${decided.why}`;
  process.stderr.write(`hotpath zlib: ${name}(${size}) → ${where}\n`);
}

module.exports = { route, mayUseEveryCore, trace, NODE, STREAM, NATIVE, NODE_ONE_SHOT };
