// hotpath/workers across threads: one pool per process whatever the number of Workers,
// kernels on one SharedArrayBuffer from several Workers at once, the ordering a Worker
// can rely on, fs not starved by long kernels, and a 1 GiB sort without a copy.
// Checks that need a fresh pool run in a child process.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { seededRandom } from './helpers/random.mjs';

const require = createRequire(import.meta.url);
const FACE = require.resolve('hotpath/workers');
const CRYPTO_FACE = require.resolve('hotpath/crypto');
const workers = require(FACE);
const { hashFiles } = require(CRYPTO_FACE);
const onLinux = process.platform === 'linux';

/** Runs `source` (CommonJS, FACE in scope) in a new Node process; returns its stdout as JSON. */
function inChild(source) {
  const program = `const FACE = ${JSON.stringify(FACE)};\n${source}`;
  return JSON.parse(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' }));
}

/** The threads of this process that are hotpath's pool (their names say so). */
const POOL_THREADS = `
function poolThreads() {
  const fs = require('node:fs');
  const name = (id) => {
    try {
      return fs.readFileSync('/proc/self/task/' + id + '/comm', 'utf8');
    } catch {
      return ''; // a thread that ended between the listing and the read
    }
  };
  return fs.readdirSync('/proc/self/task').filter((id) => name(id).startsWith('hotpath-pool')).length;
}`;

/** Runs `source` in a Worker (FACE and workerData in scope); resolves to its message. */
function inWorker(source, workerData) {
  const worker = new Worker(`const FACE = ${JSON.stringify(FACE)};\n${source}`, { eval: true, workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}

function randomFloats(random, array) {
  for (let i = 0; i < array.length; i++) array[i] = (random.next() - 0.5) * 1e6;
  return array;
}

test('a fresh process sizes the pool to os.availableParallelism()', () => {
  const result = inChild(`
    const workers = require(FACE);
    console.log(JSON.stringify({ threads: workers.threads(), cores: require('node:os').availableParallelism() }));`);
  assert.equal(result.threads, result.cores);
});

test('setThreads before the first kernel sizes the pool; after it, a different size is refused', { skip: !onLinux }, () => {
  const result = inChild(`${POOL_THREADS}
    const workers = require(FACE);
    workers.setThreads(1);
    const before = workers.threads();
    workers.sortSync(new Float64Array(500000).map(Math.random));
    let error;
    try { workers.setThreads(2); } catch (e) { error = e.code; }
    workers.setThreads(1);
    console.log(JSON.stringify({ before, after: workers.threads(), running: poolThreads(), error }));`);
  assert.deepEqual(result, { before: 1, after: 1, running: 1, error: 'ERR_INVALID_STATE' });
});

test('the addon loaded in several Workers shares one pool: threads = cores, not cores × Workers', { skip: !onLinux }, () => {
  const result = inChild(`${POOL_THREADS}
    const { Worker } = require('node:worker_threads');
    const workers = require(FACE);
    workers.sortSync(new Float64Array(200000).map(Math.random));
    const source = 'const w = require(' + JSON.stringify(FACE) + ');' +
      'w.sort(new Float64Array(300000).map(Math.random)).then(() => {' +
      '  let refused = null; try { w.setThreads(w.threads() + 1); } catch (e) { refused = e.code; }' +
      '  require("node:worker_threads").parentPort.postMessage({ threads: w.threads(), refused });' +
      '});';
    const runs = Array.from({ length: 4 }, () => new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true });
      worker.once('message', (message) => worker.terminate().then(() => resolve(message)));
      worker.once('error', reject);
    }));
    Promise.all(runs).then((seen) => {
      console.log(JSON.stringify({ threads: workers.threads(), seen, running: poolThreads() }));
    });`);
  assert.equal(result.running, result.threads);
  for (const seen of result.seen) assert.deepEqual(seen, { threads: result.threads, refused: 'ERR_INVALID_STATE' });
});

test('main and two Workers run kernels on one SharedArrayBuffer at once, with consistent results', async () => {
  const random = seededRandom(201);
  const shared = new SharedArrayBuffer(8 * 2_000_000);
  const array = randomFloats(random, new Float64Array(shared));
  const expectedCounts = Array.from(workers.histogramSync(array, { bins: 16, min: -5e5, max: 5e5 }));
  const [min, max] = workers.reduceSync(array, 'minmax');
  const reader = `
    const w = require(FACE);
    const { workerData, parentPort } = require('node:worker_threads');
    const array = new Float64Array(workerData.shared);
    (async () => {
      const seen = [];
      for (let i = 0; i < 4; i++) {
        seen.push({ counts: Array.from(await w.histogram(array, { bins: 16, min: -5e5, max: 5e5 })), minmax: w.reduceSync(array, 'minmax') });
      }
      parentPort.postMessage(seen);
    })();`;
  const writer = `
    const w = require(FACE);
    const { workerData, parentPort } = require('node:worker_threads');
    const array = new Float64Array(workerData.shared, 8 * 1000, 1_500_000);
    w.sortSync(array, { descending: true });
    w.sort(array).then(() => parentPort.postMessage('sorted'));`;
  const [readings, written] = await Promise.all([
    inWorker(reader, { shared }),
    inWorker(writer, { shared }),
    workers.sort(array),
  ]);
  assert.equal(written, 'sorted');
  for (const { counts, minmax } of readings) {
    assert.deepEqual(counts, expectedCounts);
    assert.deepEqual(minmax, [min, max]);
  }
  // Whichever sort came last, the array holds its elements: the counts are unchanged.
  assert.deepEqual(Array.from(workers.histogramSync(array, { bins: 16, min: -5e5, max: 5e5 })), expectedCounts);
});

test('a Worker woken by Atomics.notify after the promise resolved sees the sorted memory', async () => {
  const random = seededRandom(202);
  const data = new SharedArrayBuffer(8 * 1_000_000);
  const flag = new SharedArrayBuffer(4);
  const array = randomFloats(random, new Float64Array(data));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const array = new Float64Array(workerData.data);
     const flag = new Int32Array(workerData.flag);
     parentPort.postMessage('waiting');
     Atomics.wait(flag, 0, 0);
     let sorted = true;
     for (let i = 1; i < array.length; i++) if (array[i - 1] > array[i]) { sorted = false; break; }
     parentPort.postMessage({ sorted });`,
    { eval: true, workerData: { data, flag } },
  );
  const messages = [];
  const result = new Promise((resolve, reject) => {
    worker.on('message', (message) => (messages.push(message), message !== 'waiting' && resolve(message)));
    worker.once('error', reject);
  });
  await new Promise((resolve) => worker.once('message', resolve));
  await workers.sort(array);
  Atomics.store(new Int32Array(flag), 0, 1);
  Atomics.notify(new Int32Array(flag), 0);
  assert.deepEqual(await result, { sorted: true });
  await worker.terminate();
});

test('fs.readFile is not starved while 8 kernels and 8 hashFiles run', async () => {
  const random = seededRandom(203);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-starve-'));
  try {
    const files = Array.from({ length: 8 }, (_, i) => {
      const file = path.join(dir, `big-${i}`);
      fs.writeFileSync(file, Buffer.alloc(16 << 20, i));
      return file;
    });
    const small = path.join(dir, 'small');
    fs.writeFileSync(small, 'hello');
    const arrays = Array.from({ length: 8 }, () => randomFloats(random, new Float64Array(3_000_000)));
    const started = performance.now();
    let finished = 0;
    const batch = Promise.all([...arrays.map((a) => workers.sort(a)), hashFiles(files, 'sha256'), ...files.map((f) => hashFiles([f], 'sha512'))]).then(() => {
      finished = performance.now();
    });
    const latencies = [];
    while (finished === 0) {
      const before = performance.now();
      assert.equal(await fs.promises.readFile(small, 'utf8'), 'hello');
      latencies.push(performance.now() - before);
    }
    await batch;
    const batchTime = finished - started;
    // Work queued on libuv's pool would hold every read until the batch was done; on
    // hotpath's pool the reads go on: many complete, each in a small part of the batch.
    assert.ok(latencies.length >= 5, `only ${latencies.length} reads during a ${batchTime.toFixed(0)} ms batch`);
    assert.ok(Math.max(...latencies) < batchTime / 4, `a read took ${Math.max(...latencies).toFixed(1)} ms of a ${batchTime.toFixed(0)} ms batch`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a 1 GiB SharedArrayBuffer is sorted in place: RSS grows by less than 64 MiB', async () => {
  const shared = new SharedArrayBuffer(2 ** 30);
  require('node:crypto').randomFillSync(new Uint8Array(shared));
  const array = new Float64Array(shared);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    await workers.sort(array);
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  assert.ok(peak - before < 64 * 2 ** 20, `RSS grew by ${((peak - before) / 2 ** 20).toFixed(1)} MiB`);
  let nans = 0;
  for (let i = 1; i < array.length; i++) {
    const [a, b] = [array[i - 1], array[i]];
    if (Number.isNaN(b)) nans++;
    else if (Number.isNaN(a) || a > b || (a === 0 && b === 0 && Object.is(a, 0) && Object.is(b, -0))) {
      assert.fail(`out of order at ${i}: ${a}, ${b}`);
    }
  }
  assert.ok(nans > 0, 'random bits hold NaNs, which sort last');
});
