// hotpath/zlib's parallel compression: which calls run on every core, and that their
// output is one valid stream Node and the gzip command decode.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { availableParallelism } from 'node:os';
import node from 'node:zlib';
import { seededRandom } from './helpers/random.mjs';
import { sampleInput, sourceText } from './helpers/zlib-inputs.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');

const native = require('../binding.js');
const BLOCK = 128 << 10;

/** Runs `call` and returns what the native parallel path did meanwhile. */
async function parallelWork(call) {
  const before = native.zlibParallelStats();
  const result = await call();
  const after = native.zlibParallelStats();
  return { result, calls: after.calls - before.calls, blocks: after.blocks - before.blocks, threads: after.threadsLastCall };
}

test('async gzip/deflate from level 4 up run in parallel on the pool, one valid stream within 1% of single-threaded size', async () => {
  const input = sourceText(3 << 20);
  const cores = Math.min(2, availableParallelism());
  for (const [compress, decompress] of [['gzip', 'gunzipSync'], ['deflate', 'inflateSync'], ['deflateRaw', 'inflateRawSync']]) {
    for (const level of [-1, 4, 6, 9]) {
      const label = `${compress} L${level}`;
      const { result: parallel, calls, blocks, threads } = await parallelWork(() => promisify(hotpath[compress])(input, { level }));
      assert.equal(calls, 1, `${label} took the parallel path`);
      assert.equal(blocks, Math.ceil(input.length / BLOCK), `${label} block count`);
      assert.ok(threads >= cores, `${label} ran on ${threads} threads`);
      const single = hotpath[`${compress}Sync`](input, { level });
      assert.deepEqual(node[decompress](parallel), input, label);
      assert.ok(parallel.length <= single.length * 1.01, `${label}: ${parallel.length} vs ${single.length}`);
    }
  }
});

test('async gzip below level 4, below 512 KiB, with a dictionary or parallel: false stays on one thread', async () => {
  const input = sourceText(3 << 20);
  const cases = [
    ['level 1', () => promisify(hotpath.gzip)(input, { level: 1 })],
    ['level 3', () => promisify(hotpath.gzip)(input, { level: 3 })],
    ['small input', () => promisify(hotpath.gzip)(input.subarray(0, (512 << 10) - 1))],
    ['dictionary', () => promisify(hotpath.deflate)(input, { dictionary: input.subarray(0, 100) })],
    ['parallel: false', () => promisify(hotpath.gzip)(input, { parallel: false })],
    ['gzipSync', () => hotpath.gzipSync(input)],
  ];
  for (const [label, call] of cases) {
    const { result, calls } = await parallelWork(call);
    assert.equal(calls, 0, label);
    assert.ok(result.length > 0 && result.length < input.length / 2, label);
  }
});

test('gzipSync with parallel: true runs in parallel: one gzip header, OS byte as zlib writes it', async () => {
  const input = sourceText(3 << 20);
  const { result: sync, calls } = await parallelWork(() => hotpath.gzipSync(input, { parallel: true }));
  assert.equal(calls, 1);
  assert.deepEqual(node.gunzipSync(sync), input);
  assert.equal(sync[9], 3);
});

test('parallel gzip output decodes with the gzip command', { skip: !hasGzipCommand() }, () => {
  const input = sampleInput(seededRandom(9), 2 << 20);
  const parallel = hotpath.gzipSync(input, { parallel: true });
  assert.deepEqual(execFileSync('gzip', ['-dc'], { input: parallel, maxBuffer: 64 << 20 }), input);
});

function hasGzipCommand() {
  try {
    execFileSync('gzip', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
