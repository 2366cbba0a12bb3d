'use strict';

// Child of memory-safety.test.mjs: `node --expose-gc memory-safety-child.cjs <case>`
// starts one of hotpath's async entry points on memory that JS then takes back while
// the native work runs — a detach by transfer(), by a structuredClone or postMessage
// transfer list, a resize() to 0 or to twice the size — frees it (gc), and fills the
// heap with other data. It prints one JSON line per way: whether the call gave the
// result for the bytes as they were at the call (or the stated error). A crash shows
// as this process's exit.

const path = require('node:path');
const nodeZlib = require('node:zlib');
const nodeCrypto = require('node:crypto');
const { promisify } = require('node:util');

const ROOT = path.join(__dirname, '..', '..');
const zlib = require(path.join(ROOT, 'lib', 'zlib.js'));
const crypto = require(path.join(ROOT, 'lib', 'crypto.js'));
const workers = require(path.join(ROOT, 'lib', 'workers.js'));

const MiB = 1 << 20;
// Big enough for the paths that size picks: parallel compression (from 512 KiB) and
// kept copy buffers (from 1 MiB).
const INPUT_BYTES = 2 * MiB;
const ELEMENTS = 256 * 1024;

const WAYS = {
  transfer: (view) => void view.buffer.transfer(),
  structuredClone: (view) => void structuredClone(view.buffer, { transfer: [view.buffer] }),
  postMessage: (view) => {
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(view.buffer, [view.buffer]);
    port1.close();
    port2.close();
  },
  shrink: (view) => view.buffer.resize(0),
  grow: (view) => view.buffer.resize(view.buffer.maxByteLength),
};

/** `bytes` in a fresh buffer of its own: resizable (to twice its size) for the resize ways. */
function viewOf(way, bytes, View = Uint8Array) {
  const resizable = way === 'shrink' || way === 'grow';
  const buffer = resizable
    ? new ArrayBuffer(bytes.byteLength, { maxByteLength: bytes.byteLength * 2 })
    : new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // Length-tracking over a resizable buffer: it shrinks and grows with it.
  return new View(buffer);
}

/** Frees what was taken back, then fills memory with other bytes (JS and native). */
function churn() {
  global.gc();
  const kept = [];
  for (let i = 0; i < 32; i++) kept.push(Buffer.alloc(MiB, i));
  kept.push(nodeZlib.gzipSync(Buffer.alloc(2 * MiB, 7)));
  return kept.length;
}

/** Text that compresses like prose, different each call. */
let textSeed = 1;
function text(bytes) {
  const words = ['hotpath', 'memory', 'detach', 'shared', 'buffer', 'stream', 'native', 'safe', 'and', 'the'];
  let state = textSeed++;
  const parts = [];
  let length = 0;
  while (length < bytes) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const word = words[state % words.length] + (state % 7 === 0 ? '.\n' : ' ');
    parts.push(word);
    length += word.length;
  }
  return Buffer.from(parts.join('')).subarray(0, bytes);
}

const same = (actual, expected) => Buffer.compare(Buffer.from(actual), Buffer.from(expected)) === 0;
const collect = (stream) =>
  new Promise((resolve, reject) => {
    const pieces = [];
    stream.on('data', (piece) => pieces.push(piece));
    stream.on('end', () => resolve(Buffer.concat(pieces)));
    stream.on('error', reject);
  });

/** A compressor's case: its output decodes (by node:zlib) to the input as it was. */
const compressing = (start, decode) => ({
  input: () => text(INPUT_BYTES),
  start,
  check: (output, original) => same(decode(output), original),
});

/** A decompressor's case: its output is what node:zlib decodes from the input as it was. */
const decompressing = (start, encode, decode) => ({
  input: () => encode(text(INPUT_BYTES)),
  start,
  check: (output, original) => same(output, decode(original)),
});
const gzipped = [nodeZlib.gzipSync, nodeZlib.gunzipSync];
const brotliQ4 = (data) => nodeZlib.brotliCompressSync(data, { params: { [nodeZlib.constants.BROTLI_PARAM_QUALITY]: 4 } });

const floats = (count) => {
  const values = new Float64Array(count);
  let state = 42;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    values[i] = state / 7 - 1e8;
  }
  return values;
};

/** A workers kernel's case over a Float64Array: the result for the elements as they were. */
const kernel = (start, expected) => ({
  input: () => floats(ELEMENTS),
  view: Float64Array,
  start,
  check: (result, original) => JSON.stringify(plain(result)) === JSON.stringify(plain(expected(new Float64Array(original.buffer.slice(0))))),
});
const plain = (value) => (ArrayBuffer.isView(value) ? Array.from(value) : value);

const CASES = {
  'gzip(cb)': compressing((view) => promisify(zlib.gzip)(view), nodeZlib.gunzipSync),
  'deflate(cb), one core': compressing((view) => promisify(zlib.deflate)(view, { parallel: false }), nodeZlib.inflateSync),
  'deflateRaw(cb) promisified': compressing((view) => promisify(zlib.deflateRaw)(view, { level: 1 }), nodeZlib.inflateRawSync),
  'gunzip(cb)': decompressing((view) => promisify(zlib.gunzip)(view), ...gzipped),
  'inflate(cb)': decompressing((view) => promisify(zlib.inflate)(view), nodeZlib.deflateSync, nodeZlib.inflateSync),
  'inflateRaw(cb)': decompressing((view) => promisify(zlib.inflateRaw)(view), nodeZlib.deflateRawSync, nodeZlib.inflateRawSync),
  'unzip(cb)': decompressing((view) => promisify(zlib.unzip)(view), ...gzipped),
  'brotliDecompress(cb)': decompressing((view) => promisify(zlib.brotliDecompress)(view), brotliQ4, nodeZlib.brotliDecompressSync),
  gzipMany: compressing(async (view) => (await zlib.gzipMany([view, view]))[1], nodeZlib.gunzipSync),
  gunzipMany: decompressing(async (view) => (await zlib.gunzipMany([view]))[0], ...gzipped),
  brotliCompressMany: {
    input: () => text(MiB),
    start: async (view) => (await zlib.brotliCompressMany([view, view], { params: { [nodeZlib.constants.BROTLI_PARAM_QUALITY]: 3 } }))[1],
    check: (output, original) => same(nodeZlib.brotliDecompressSync(output), original),
  },
  // `info` goes through the Sync form, one input per turn of the event loop.
  'deflateRawMany with info': compressing(
    async (view) => (await zlib.deflateRawMany([view, view], { info: true }))[1].buffer,
    nodeZlib.inflateRawSync,
  ),
  'createGzip().end(view)': compressing((view) => {
    const stream = zlib.createGzip();
    const done = collect(stream);
    stream.end(view);
    return done;
  }, nodeZlib.gunzipSync),
  'createGunzip().end(view)': decompressing((view) => {
    const stream = zlib.createGunzip();
    const done = collect(stream);
    stream.end(view);
    return done;
  }, ...gzipped),
  'createBrotliCompress().end(view)': {
    input: () => text(MiB),
    start: (view) => {
      const stream = zlib.createBrotliCompress({ params: { [nodeZlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
      const done = collect(stream);
      stream.end(view);
      return done;
    },
    check: (output, original) => same(nodeZlib.brotliDecompressSync(output), original),
  },
  'createDeflateRaw().write(view) + flush': compressing((view) => {
    const stream = zlib.createDeflateRaw();
    const pieces = [];
    stream.on('data', (piece) => pieces.push(piece));
    stream.write(view);
    return new Promise((resolve) => stream.flush(nodeZlib.constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(pieces))));
  }, (output) => nodeZlib.inflateRawSync(output, { finishFlush: nodeZlib.constants.Z_SYNC_FLUSH })),
  hashMany: {
    input: () => text(INPUT_BYTES),
    start: (view) => crypto.hashMany('sha256', [view, 'x', view]),
    check: (digests, original) => {
      const digest = nodeCrypto.createHash('sha256').update(original).digest('hex');
      return digests[0] === digest && digests[2] === digest;
    },
  },
  pbkdf2: {
    input: () => text(4096),
    start: (view) => promisify(crypto.pbkdf2)(view, view, 1000, 32, 'sha256'),
    check: (key, original) => same(key, nodeCrypto.pbkdf2Sync(original, original, 1000, 32, 'sha256')),
  },
  argsort: kernel((view) => workers.argsort(view), (values) => workers.argsortSync(values)),
  stats: kernel((view) => workers.stats(view), (values) => workers.statsSync(values)),
  histogram: kernel((view) => workers.histogram(view, { bins: 16 }), (values) => workers.histogramSync(values, { bins: 16 })),
  'reduce with progress in a SharedArrayBuffer': kernel(
    (view) => workers.reduce(view, 'sum', { progress: new Int32Array(new SharedArrayBuffer(8)) }),
    (values) => workers.reduceSync(values, 'sum'),
  ),
  // A sort writes its copy back when it settles: into an array that was detached or
  // shrank it cannot, and says so; into one that grew, the sorted elements come first.
  sort: {
    input: () => floats(ELEMENTS),
    view: Float64Array,
    start: (view) => workers.sort(view).then(() => Array.from(view.subarray(0, ELEMENTS))),
    expectedError: (way) => (way === 'grow' ? undefined : 'ERR_INVALID_STATE'),
    check: (sorted, original) => JSON.stringify(sorted) === JSON.stringify(Array.from(new Float64Array(original.buffer.slice(0)).sort())),
  },
};

async function runWay(name, way) {
  const entry = CASES[name];
  const input = entry.input();
  const original = Buffer.from(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength));
  const view = viewOf(way, input, entry.view);
  const call = entry.start(view);
  WAYS[way](view);
  churn();
  const wanted = entry.expectedError ? entry.expectedError(way) : undefined;
  try {
    const result = await call;
    if (wanted) return { ok: false, detail: `resolved where ${wanted} was expected` };
    return { ok: Boolean(entry.check(result, original)), detail: 'result' };
  } catch (error) {
    return { ok: wanted !== undefined && error.code === wanted, detail: `${error.code}: ${error.message}` };
  }
}

async function main() {
  const name = process.argv[2];
  if (!(name in CASES)) throw new Error(`no such case: ${name}`);
  for (const way of Object.keys(WAYS)) {
    if (way === 'transfer' && typeof ArrayBuffer.prototype.transfer !== 'function') continue;
    const outcome = await runWay(name, way);
    console.log(JSON.stringify({ way, ...outcome }));
  }
}

if (process.argv[2] === '--list') console.log(JSON.stringify(Object.keys(CASES)));
else main();
