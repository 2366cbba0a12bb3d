// Where each one-shot zlib call runs: lib/internal/zlib/route.js sends it to Node's
// engine, hotpath's stream engine or the addon, whose src/zlib/route.rs picks the
// native engine. HOTPATH_TRACE=zlib prints each call's route; these tests read it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const native = require('../binding.js');
const root = new URL('..', import.meta.url);

/** The trace lines of `script`, run in a child with HOTPATH_TRACE set to `trace`. */
function traced(script, trace = 'zlib') {
  const child = spawnSync(process.execPath, ['-e', `const z = require('./lib/zlib.js');\n${script}`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HOTPATH_TRACE: trace },
  });
  assert.equal(child.status, 0, child.stderr);
  return child.stderr.split('\n').filter((line) => line.startsWith('hotpath zlib: '));
}

const BIG = "Buffer.alloc(1 << 20, 'some text to compress, ')";

test('a small gzipSync runs on zlib-rs and says why', () => {
  assert.deepEqual(traced("z.gzipSync('hello')"), [
    'hotpath zlib: gzipSync(5 B) → zlib-rs: a small input, which a kept zlib-rs state starts on sooner',
  ]);
});

test('a big gzipSync runs on libdeflate, on one core unless it asks for parallel', () => {
  assert.deepEqual(traced(`z.gzipSync(${BIG}); z.gzipSync(${BIG}, { parallel: true })`), [
    'hotpath zlib: gzipSync(1048576 B) → libdeflate: the whole buffer at once',
    'hotpath zlib: gzipSync(1048576 B) → parallel deflate: a big input at a level where every core pays',
  ]);
});

test('a big callback gzip goes parallel, but not at level 1 or with parallel: false', () => {
  const lines = traced(`z.gzip(${BIG}, () => {}); z.gzip(${BIG}, { level: 1 }, () => {}); z.gzip(${BIG}, { parallel: false }, () => {})`);
  assert.deepEqual(lines, [
    'hotpath zlib: gzip(1048576 B) → parallel deflate: a big input at a level where every core pays',
    'hotpath zlib: gzip(1048576 B) → libdeflate: the whole buffer at once; one core: levels 0-3, where one core is as fast',
    'hotpath zlib: gzip(1048576 B) → libdeflate: the whole buffer at once',
  ]);
});

test('an input under four blocks stays on one core even when parallel is asked for', () => {
  assert.deepEqual(traced("z.gzipSync(Buffer.alloc((512 << 10) - 1, 'x'), { parallel: true })"), [
    'hotpath zlib: gzipSync(524287 B) → libdeflate: the whole buffer at once; one core: an input under 4 blocks',
  ]);
});

test('what only Node\'s engine answers goes to Node\'s, in every form', () => {
  const script = [
    "const small = z.deflateSync('x'.repeat(100), { windowBits: 9 });",
    'z.inflateSync(small, { windowBits: 0 });',
    'z.inflate(small, { windowBits: 0 }, () => {});',
    'z.inflateSync(small, { windowBits: 9 });',
    'z.inflateMany([small], { windowBits: 0 });',
  ].join('\n');
  assert.deepEqual(traced(script), [
    'hotpath zlib: deflateSync(100 B) → zlib-rs: a window under 32 KiB',
    "hotpath zlib: inflateSync(12 B) → Node's engine: a zlib header declaring a window under 32 KiB",
    "hotpath zlib: inflate(12 B) → Node's engine: a zlib header declaring a window under 32 KiB",
    "hotpath zlib: inflateSync(input) → Node's engine: options only Node's engine answers as Node does",
    "hotpath zlib: inflateMany(12 B) → Node's engine: a zlib header declaring a window under 32 KiB",
    // The batch then runs each input through the sync form, a turn later.
    "hotpath zlib: inflateSync(12 B) → Node's engine: a zlib header declaring a window under 32 KiB",
  ]);
});

test('info goes to hotpath\'s stream engine in the sync and callback forms', () => {
  assert.deepEqual(traced("z.gzipSync('abc', { info: true }); z.gzip('abc', { info: true }, () => {})"), [
    "hotpath zlib: gzipSync(3 B) → hotpath's stream engine: info or rejectGarbageAfterEnd",
    "hotpath zlib: gzip(3 B) → hotpath's stream engine: info or rejectGarbageAfterEnd",
  ]);
});

test('each input of a *Many batch is routed on its own, on one core each', () => {
  assert.deepEqual(traced(`z.gzipMany([${BIG}, 'x'])`), [
    'hotpath zlib: gzipMany(1048576 B) → libdeflate: the whole buffer at once',
    'hotpath zlib: gzipMany(1 B) → zlib-rs: a small input, which a kept zlib-rs state starts on sooner',
  ]);
});

test('brotli decoding names its engine', () => {
  assert.deepEqual(traced("z.brotliDecompressSync(z.brotliCompressSync('abc'))"), [
    'hotpath zlib: brotliDecompressSync(7 B) → brotli: brotli-decompressor, with C brotli for the errors of a failing input',
  ]);
});

test('HOTPATH_TRACE lists faces: another face alone prints nothing for zlib', () => {
  assert.deepEqual(traced("z.gzipSync('hello')", 'crypto'), []);
  assert.equal(traced("z.gzipSync('hello')", 'crypto, zlib').length, 1);
});

test('a call the route sends to parallel deflate is one the parallel path runs', async () => {
  const zlib = require('../lib/zlib.js');
  const input = Buffer.alloc(1 << 20, 'some text to compress, ');
  const before = native.zlibParallelStats().calls;
  zlib.gzipSync(input, { parallel: true });
  assert.equal(native.zlibParallelStats().calls, before + 1);
  zlib.gzipSync(input.subarray(0, (512 << 10) - 1), { parallel: true });
  assert.equal(native.zlibParallelStats().calls, before + 1);
});
