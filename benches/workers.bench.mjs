// workers benchmarks: hotpath/workers' kernels vs what plain Node offers for the same
// job on the same memory: TypedArray#sort; a plain JS loop, a JS loop with 4
// accumulators, and 2 JS Workers splitting a SharedArrayBuffer (Atomics to start
// them and to wait for them); and the event loop's delay while a kernel runs.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomFillSync } from 'node:crypto';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/workers');

const SORT_LENGTH = 10_000_000;
const REDUCE_LENGTH = 100_000_000;
const HISTOGRAM_LENGTH = 20_000_000;
const BINS = 100;
const DELAY_SORT_LENGTH = 50_000_000;

/** Uniform doubles in [0, 1) from random bits, quickly. */
function uniformDoubles(array) {
  const words = new Uint32Array(array.buffer, array.byteOffset, array.length * 2);
  for (let at = 0; at < words.length; at += 1 << 24) randomFillSync(words.subarray(at, at + (1 << 24)));
  for (let i = 0; i < array.length; i++) array[i] = words[2 * i] / 2 ** 32 + words[2 * i + 1] / 2 ** 64;
  return array;
}

// The JS baselines of the reductions: what a careful Node programmer writes.
function plainSum(a) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return sum;
}

// V8 keeps bounds checks in `i + 3 < to` loops (4× slower); a loop to a multiple of
// 4 runs at memory speed (~19 GB/s here), as PERF-NOTES measured.
function fourAccumulatorSum(a, from = 0, to = a.length) {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = from + ((to - from) & ~3);
  for (let i = from; i < end; i += 4) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
  }
  for (let i = end; i < to; i++) s0 += a[i];
  return s0 + s1 + s2 + s3;
}

/** min, max, sum and sum of squares in one loop; mean and variance from them. */
function plainStats(a) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    squares += x * x;
  }
  return finishStats(min, max, sum, squares, a.length);
}

/** [min, max, sum, sum of squares] with two lanes of extremes and four of sums. */
function fourAccumulatorParts(a, from = 0, to = a.length) {
  let min0 = Infinity;
  let min1 = Infinity;
  let max0 = -Infinity;
  let max1 = -Infinity;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  const end = from + ((to - from) & ~3);
  for (let i = from; i < end; i += 4) {
    const x0 = a[i];
    const x1 = a[i + 1];
    const x2 = a[i + 2];
    const x3 = a[i + 3];
    if (x0 < min0) min0 = x0;
    if (x1 < min1) min1 = x1;
    if (x2 < min0) min0 = x2;
    if (x3 < min1) min1 = x3;
    if (x0 > max0) max0 = x0;
    if (x1 > max1) max1 = x1;
    if (x2 > max0) max0 = x2;
    if (x3 > max1) max1 = x3;
    s0 += x0;
    s1 += x1;
    s2 += x2;
    s3 += x3;
    q0 += x0 * x0;
    q1 += x1 * x1;
    q2 += x2 * x2;
    q3 += x3 * x3;
  }
  for (let i = end; i < to; i++) {
    const x = a[i];
    if (x < min0) min0 = x;
    if (x > max0) max0 = x;
    s0 += x;
    q0 += x * x;
  }
  return [Math.min(min0, min1), Math.max(max0, max1), s0 + s1 + s2 + s3, q0 + q1 + q2 + q3];
}

function finishStats(min, max, sum, squares, n) {
  const mean = sum / n;
  return { min, max, sum, mean, variance: squares / n - mean * mean };
}

/** Results equal to the digits a plain double sum can promise. */
const roughly = (value) => Number(value.toPrecision(6));
const roughStats = ({ min, max, sum, mean, variance }) => ({ min, max, sum: roughly(sum), mean: roughly(mean), variance: roughly(variance) });

/** numpy.histogram's bins in plain JS: the scaled guess, then the edges decide. */
function plainHistogram(a, low, high, bins) {
  const counts = new Uint32Array(bins);
  const step = (high - low) / bins;
  const scale = bins / (high - low);
  const edge = (i) => (i === bins ? high : low + i * step);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (!(x >= low && x <= high)) continue;
    let bin = Math.min(Math.floor((x - low) * scale), bins - 1);
    if (x < edge(bin)) bin--;
    else if (bin + 1 < bins && x >= edge(bin + 1)) bin++;
    counts[bin]++;
  }
  return counts;
}

/**
 * Two Workers that share the array's SharedArrayBuffer: main stores a command and
 * notifies, each Worker reduces its half and counts itself done; main waits on the
 * count with Atomics.wait (allowed on Node's main thread). Node's shared-counter
 * pattern, doing the job.
 */
function jsWorkerPair(array) {
  const control = new Int32Array(new SharedArrayBuffer(16)); // [command, generation, done]
  const results = new Float64Array(new SharedArrayBuffer(2 * 4 * 8));
  const source = `
    const { workerData } = require('node:worker_threads');
    const { buffer, control, results, part } = workerData;
    const a = new Float64Array(buffer);
    const half = Math.ceil(a.length / 2);
    const [from, to] = part === 0 ? [0, half] : [half, a.length];
    const parts = ${fourAccumulatorParts.toString()};
    const sum = ${fourAccumulatorSum.toString()};
    let seen = 0;
    for (;;) {
      Atomics.wait(control, 1, seen);
      seen = Atomics.load(control, 1);
      const command = Atomics.load(control, 0);
      if (command === 0) break;
      const out = command === 1 ? [sum(a, from, to)] : parts(a, from, to);
      results.set(out, part * 4);
      Atomics.add(control, 2, 1);
      Atomics.notify(control, 2);
    }`;
  const threads = [0, 1].map((part) => new Worker(source, { eval: true, workerData: { buffer: array.buffer, control, results, part } }));
  const run = (command) => {
    Atomics.store(control, 2, 0);
    Atomics.store(control, 0, command);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
    for (let done = Atomics.load(control, 2); done < 2; done = Atomics.load(control, 2)) Atomics.wait(control, 2, done);
    return results;
  };
  return {
    sum: () => {
      const r = run(1);
      return r[0] + r[4];
    },
    stats: () => {
      const r = run(2);
      return finishStats(Math.min(r[0], r[4]), Math.max(r[1], r[5]), r[2] + r[6], r[3] + r[7], array.length);
    },
    close: async () => {
      Atomics.store(control, 0, 0);
      Atomics.add(control, 1, 1);
      Atomics.notify(control, 1);
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}

/** The event loop's p99 delay (ns) while `fn` runs, sampled every millisecond. */
async function eventLoopDelayWhile(fn) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The monitor's timer starts ticking only once the loop has turned.
  await new Promise((resolve) => setTimeout(resolve, 3));
  await fn();
  // One more turn so a delay that ends with the call is recorded.
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  return histogram.percentile(99);
}

let pair = null;

function sharedCopy(source) {
  const copy = new source.constructor(new SharedArrayBuffer(source.byteLength));
  copy.set(source);
  return copy;
}

export default {
  module: 'workers',
  cases() {
    const doubles = uniformDoubles(new Float64Array(SORT_LENGTH)).map((x) => (x - 0.5) * 1e9);
    const ints = new Int32Array(SORT_LENGTH);
    randomFillSync(ints);
    const big = uniformDoubles(new Float64Array(new SharedArrayBuffer(8 * REDUCE_LENGTH)));
    const forHistogram = big.subarray(0, HISTOGRAM_LENGTH);
    const forDelay = uniformDoubles(new Float64Array(new SharedArrayBuffer(8 * DELAY_SORT_LENGTH)));
    const delayInput = forDelay.slice();
    pair = jsWorkerPair(big);
    const sortCase = (name, source) => ({
      name,
      bytes: source.byteLength,
      rounds: 3,
      minSamples: 1,
      builtinName: 'TypedArray#sort',
      builtin: () => source.slice().sort(),
      hotpath: () => hotpath.sortSync(source.slice()),
      // Over an ArrayBuffer the async form sorts a copy and writes it back; over a
      // SharedArrayBuffer it sorts in place (each run sorts a fresh copy of the input).
      peers: {
        'hotpath await sort()': () => hotpath.sort(source.slice()),
        'hotpath await sort(), SharedArrayBuffer': () => hotpath.sort(sharedCopy(source)),
      },
    });
    return [
      sortCase('sort 10M Float64', doubles),
      sortCase('sort 10M Int32', ints),
      {
        name: 'sum of 100M Float64 (SharedArrayBuffer)',
        bytes: big.byteLength,
        rounds: 5,
        minSamples: 2,
        builtinName: 'plain JS loop',
        builtin: () => plainSum(big),
        hotpath: () => hotpath.reduceSync(big, 'sum'),
        peers: { '4-accumulator JS loop': () => fourAccumulatorSum(big), '2 JS Workers + Atomics': () => pair.sum() },
        result: roughly,
      },
      {
        name: 'stats of 100M Float64 (min, max, sum, mean, variance)',
        bytes: big.byteLength,
        rounds: 5,
        minSamples: 2,
        builtinName: 'plain JS loop',
        builtin: () => plainStats(big),
        hotpath: () => hotpath.statsSync(big),
        peers: {
          '4-accumulator JS loop': () => finishStats(...fourAccumulatorParts(big), big.length),
          '2 JS Workers + Atomics': () => pair.stats(),
        },
        result: roughStats,
      },
      {
        name: `histogram of 20M Float64, ${BINS} bins`,
        bytes: forHistogram.byteLength,
        rounds: 5,
        minSamples: 2,
        builtinName: 'plain JS loop',
        builtin: () => plainHistogram(forHistogram, 0, 1, BINS),
        hotpath: () => hotpath.histogramSync(forHistogram, { bins: BINS, min: 0, max: 1 }),
      },
      {
        name: 'event-loop p99 delay while 50M Float64 sort (~1 s)',
        unit: 'ms',
        rounds: 3,
        builtinName: 'TypedArray#sort on the JS thread',
        // Each run sorts a fresh copy; the sorted result is the same for both.
        builtin: () => {
          forDelay.set(delayInput);
          return forDelay.sort();
        },
        hotpath: async () => {
          forDelay.set(delayInput);
          return hotpath.sort(forDelay);
        },
        sample: (fn) => eventLoopDelayWhile(fn),
        result: (sorted) => [sorted[0], sorted[sorted.length >> 1], sorted[sorted.length - 1]],
      },
    ];
  },
  async teardown() {
    if (pair) await pair.close();
    pair = null;
  },
};
