import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { seededRandom } from './helpers/random.mjs';
import { runWithoutAddon } from './helpers/without-addon.mjs';

const require = createRequire(import.meta.url);
const workers = require('hotpath/workers');
const { sort, sortSync, argsort, argsortSync, reduce, reduceSync, stats, statsSync, histogram, histogramSync } = workers;

const TYPES = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  ...(typeof Float16Array === 'function' ? [Float16Array] : []),
];
const FLOAT_TYPES = new Set(['Float16Array', 'Float32Array', 'Float64Array']);
const isBigIntType = (Type) => Type === BigInt64Array || Type === BigUint64Array;

/** A random array of `Type`: duplicates always; NaN, ±0, ±Infinity for floats. */
function randomArray(random, Type, length, shared = false) {
  const array = new Type(shared ? new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT) : length);
  const pool = Array.from({ length: 8 }, () => random.int(-1000, 1000));
  for (let i = 0; i < length; i++) {
    const roll = random.next();
    if (isBigIntType(Type)) {
      array[i] = roll < 0.3 ? BigInt(random.pick(pool)) : (BigInt(random.int(0, 2 ** 31)) << 32n) | BigInt(random.int(0, 2 ** 31));
      if (random.next() < 0.5 && Type === BigInt64Array) array[i] = -array[i];
    } else if (FLOAT_TYPES.has(Type.name)) {
      array[i] =
        roll < 0.1
          ? random.pick([NaN, -0, 0, Infinity, -Infinity])
          : roll < 0.3
            ? random.pick(pool)
            : (random.next() - 0.5) * 10 ** random.int(-3, 4);
    } else {
      array[i] = roll < 0.3 ? random.pick(pool) : random.int(-(2 ** 31), 2 ** 32);
    }
  }
  return array;
}

/** Element by element, as Object.is sees them (NaN is NaN, -0 is not +0). */
function assertSameElements(actual, expected, label) {
  assert.equal(actual.length, expected.length, label);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`${label}: element ${i} is ${String(actual[i])}, expected ${String(expected[i])}`);
    }
  }
}

/** TypedArray#sort's order as a comparator (NaN last, -0 before +0). */
function jsOrder(a, b) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) - Number.isNaN(b);
  if (a < b) return -1;
  if (a > b) return 1;
  return Object.is(a, -0) - Object.is(b, -0) === 0 ? 0 : Object.is(a, -0) ? -1 : 1;
}

test('sort and sortSync give TypedArray#sort\'s order for every element type and size', async () => {
  const random = seededRandom(101);
  for (const Type of TYPES) {
    for (const length of [0, 1, 2, 3, 17, 256, 5000, 70_000, 300_000]) {
      const original = randomArray(random, Type, length, random.next() < 0.5);
      const expected = original.slice().sort();
      const label = `${Type.name}(${length})`;
      assertSameElements(await sort(original.slice()), expected, `sort ${label}`);
      assertSameElements(sortSync(original.slice()), expected, `sortSync ${label}`);
    }
  }
});

test('2M-element arrays sort as TypedArray#sort sorts them', async () => {
  const random = seededRandom(2_000_000);
  for (const Type of [Float64Array, Int32Array, Float32Array, Uint8Array]) {
    const original = randomArray(random, Type, 2_000_000);
    assertSameElements(await sort(original.slice()), original.slice().sort(), `${Type.name}(2M)`);
  }
});

test('descending is the exact reverse of the ascending order, NaNs first', async () => {
  const random = seededRandom(102);
  for (const Type of TYPES) {
    const original = randomArray(random, Type, 40_000);
    const expected = original.slice().sort().reverse();
    assertSameElements(await sort(original.slice(), { descending: true }), expected, Type.name);
    assertSameElements(sortSync(original.slice(), { descending: true }), expected, Type.name);
  }
});

test('sort resolves to the array it sorted, in place', async () => {
  const array = new Float64Array([3, 1, 2]);
  assert.equal(await sort(array), array);
  assert.equal(sortSync(array), array);
  const view = new Int16Array(new SharedArrayBuffer(16), 4, 3);
  view.set([9, -4, 0]);
  await sort(view);
  assert.deepEqual(Array.from(new Int16Array(view.buffer)), [0, 0, -4, 0, 9, 0, 0, 0]);
});

test('argsort is stable: equal elements and NaNs keep their order', async () => {
  const random = seededRandom(103);
  for (const Type of TYPES) {
    for (const length of [0, 1, 5, 1000, 50_000]) {
      const array = randomArray(random, Type, length);
      const expected = Array.from(array.keys()).sort((i, j) => jsOrder(array[i], array[j]));
      const label = `${Type.name}(${length})`;
      const indices = await argsort(array);
      assert.ok(indices instanceof Uint32Array, label);
      assert.deepEqual(Array.from(indices), expected, label);
      assert.deepEqual(Array.from(argsortSync(array)), expected, label);
    }
  }
});

/** The exact sum of doubles, as a BigInt count of 2^-1074. */
function exactSum(values) {
  const view = new DataView(new ArrayBuffer(8));
  let total = 0n;
  for (const value of values) {
    view.setFloat64(0, value);
    const bits = view.getBigUint64(0);
    const exponent = Number((bits >> 52n) & 0x7ffn);
    let mantissa = bits & ((1n << 52n) - 1n);
    if (exponent !== 0) mantissa |= 1n << 52n;
    const scaled = mantissa << BigInt(Math.max(exponent - 1, 0));
    total += bits >> 63n ? -scaled : scaled;
  }
  return total;
}

/** A BigInt count of 2^-1074 as the nearest double (to within an ulp). */
function toDouble(scaled) {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const shift = Math.max(magnitude.toString(2).length - 64, 0);
  const value = Number(magnitude >> BigInt(shift)) * 2 ** (shift - 1074);
  return negative ? -value : value;
}

test('float sums are within Sum2\'s bound of the exact sum; integer sums are exact', async () => {
  const random = seededRandom(104);
  const u = 2 ** -53;
  for (const length of [1, 7, 1000, 100_003]) {
    const values = Float64Array.from({ length }, () => (random.next() - 0.5) * 2 ** random.int(-40, 40));
    const exact = toDouble(exactSum(values));
    const absolute = values.reduce((sum, value) => sum + Math.abs(value), 0);
    const gamma = (length * u) / (1 - length * u);
    const bound = u * Math.abs(exact) + gamma * gamma * absolute + 2 * u * Math.abs(exact);
    const sum = await reduce(values, 'sum');
    assert.ok(Math.abs(sum - exact) <= bound, `length ${length}: ${sum} vs ${exact} (bound ${bound})`);
    assert.equal(reduceSync(values, 'mean'), sum / length);
  }
  const ints = Int32Array.from({ length: 200_000 }, () => random.int(-(2 ** 31), 2 ** 31 - 1));
  const exactInts = ints.reduce((total, value) => total + BigInt(value), 0n);
  assert.equal(await reduce(ints, 'sum'), Number(exactInts));
  const bigs = BigInt64Array.from({ length: 5000 }, () => 2n ** 62n + BigInt(random.int(0, 1000)));
  assert.equal(reduceSync(bigs, 'sum'), bigs.reduce((total, value) => total + value, 0n));
});

test('min, max and minmax follow Math.min and Math.max; BigInt arrays give BigInts', async () => {
  const random = seededRandom(105);
  for (const Type of TYPES) {
    for (const length of [1, 2, 9, 40_000]) {
      const array = randomArray(random, Type, length);
      const values = Array.from(array);
      const label = `${Type.name}(${length})`;
      if (isBigIntType(Type)) {
        const min = values.reduce((a, b) => (b < a ? b : a));
        const max = values.reduce((a, b) => (b > a ? b : a));
        assert.deepEqual(await reduce(array, 'minmax'), [min, max], label);
      } else {
        const min = values.reduce((a, b) => Math.min(a, b));
        const max = values.reduce((a, b) => Math.max(a, b));
        const [ourMin, ourMax] = await reduce(array, 'minmax');
        assert.ok(Object.is(ourMin, min) && Object.is(await reduce(array, 'min'), min), `${label} min ${ourMin} vs ${min}`);
        assert.ok(Object.is(ourMax, max) && Object.is(reduceSync(array, 'max'), max), `${label} max ${ourMax} vs ${max}`);
      }
    }
  }
});

test('stats gives min, max, sum, mean and the population variance in one call', async () => {
  const random = seededRandom(106);
  for (const Type of [Float64Array, Float32Array, Int32Array, Uint8Array, Int16Array]) {
    const array = randomArray(random, Type, 123_457).map((v) => (Number.isFinite(v) ? v : 1));
    const values = Array.from(array, Number);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    const summary = await stats(array);
    assert.deepEqual(Object.keys(summary), ['min', 'max', 'sum', 'mean', 'variance']);
    assert.ok(Math.abs(summary.mean - mean) <= Math.abs(mean) * 1e-12 + 1e-12, `${Type.name} mean`);
    assert.ok(Math.abs(summary.variance - variance) <= variance * 1e-10, `${Type.name} variance ${summary.variance} vs ${variance}`);
    assert.equal(await reduce(array, 'variance'), summary.variance);
    assert.deepEqual(statsSync(array), summary);
  }
  const big = statsSync(new BigUint64Array([2n ** 64n - 1n, 1n]));
  assert.deepEqual([big.min, big.max, big.sum, big.mean], [1n, 2n ** 64n - 1n, 2n ** 64n, 2 ** 63]);
});

test('an empty array has sum 0, Infinity/-Infinity as Math.min/max, NaN mean and variance', async () => {
  assert.deepEqual(await stats(new Float64Array(0)), { min: Infinity, max: -Infinity, sum: 0, mean: NaN, variance: NaN });
  assert.deepEqual(statsSync(new BigInt64Array(0)), { min: undefined, max: undefined, sum: 0n, mean: NaN, variance: NaN });
});

/** numpy.histogram's rule, by the edges: the largest i with edge(i) ≤ value. */
function referenceHistogram(values, bins, low, high) {
  if (low === high) [low, high] = [low - 0.5, high + 0.5];
  const step = (high - low) / bins;
  const edge = (i) => (i === bins ? high : low + i * step);
  const counts = new Array(bins).fill(0);
  for (const value of values) {
    if (!(value >= low && value <= high)) continue;
    let bin = bins - 1;
    while (edge(bin) > value) bin--;
    counts[bin]++;
  }
  return counts;
}

test('histogram counts as numpy.histogram: edges, the closed last bin, NaN and out-of-range values', async () => {
  const random = seededRandom(107);
  for (let round = 0; round < 60; round++) {
    const bins = random.int(1, 40);
    const low = random.int(-50, 50) / random.pick([1, 3, 7]);
    const high = low + random.pick([0, 1, 2.5, 100]);
    const step = (high - low) / bins;
    const values = Float64Array.from({ length: random.int(0, 3000) }, () => {
      const roll = random.next();
      if (roll < 0.3) return low + random.int(0, bins) * step; // on an edge
      if (roll < 0.35) return random.pick([NaN, Infinity, -Infinity, low - 1, high + 1, high]);
      return low + random.next() * (high - low);
    });
    const expected = referenceHistogram(values, bins, low, high);
    const label = `bins ${bins} over [${low}, ${high}]`;
    assert.deepEqual(Array.from(await histogram(values, { bins, min: low, max: high })), expected, label);
    assert.deepEqual(Array.from(histogramSync(values, { bins, min: low, max: high })), expected, label);
  }
});

test('without a range, histogram spans the finite elements (±0.5 when they are all equal)', async () => {
  const values = new Float32Array([NaN, 4, -Infinity, 2, 9, Infinity]);
  assert.deepEqual(Array.from(await histogram(values, { bins: 7 })), referenceHistogram(Array.from(values), 7, 2, 9));
  assert.deepEqual(Array.from(histogramSync(new Int8Array([5, 5, 5]), { bins: 2 })), [0, 3]);
  assert.deepEqual(Array.from(histogramSync(new Float64Array(0))), new Array(10).fill(0));
  const bigs = new BigInt64Array([1n, 2n, 3n, 10n]);
  assert.deepEqual(Array.from(histogramSync(bigs, { bins: 3, min: 0n, max: 9n })), [2, 1, 0]);
});

test('an already aborted signal rejects with an AbortError and leaves the array alone', async () => {
  const array = new Float64Array([3, 2, 1]);
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  await assert.rejects(sort(array, { signal: controller.signal }), (error) => {
    assert.equal(error.name, 'AbortError');
    assert.equal(error.code, 'ABORT_ERR');
    assert.equal(error.message, 'The operation was aborted');
    assert.equal(error.cause, controller.signal.reason);
    return true;
  });
  assert.deepEqual(Array.from(array), [3, 2, 1]);
});

test('an abort while a sort runs stops it; the array keeps its elements, in some order', async () => {
  const random = seededRandom(108);
  const original = randomArray(random, Float64Array, 4_000_000);
  const array = original.slice();
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const controller = new AbortController();
  const sorting = sort(array, { signal: controller.signal, progress });
  // Abort once the kernel has started (its first pieces are done), or at once.
  while (Atomics.load(progress, 1) === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await assert.rejects(sorting, { name: 'AbortError', code: 'ABORT_ERR' });
  assert.ok(Atomics.load(progress, 0) < Atomics.load(progress, 1), 'the kernel did not finish');
  assertSameElements(array.slice().sort(), original.slice().sort(), 'the same elements');
});

test('progress rises monotonically and ends at its total', async () => {
  const random = seededRandom(109);
  for (const [name, run] of [
    ['sort', (array, options) => sort(array, options)],
    ['stats', (array, options) => stats(array, options)],
    ['histogram', (array, options) => histogram(array, options)],
    ['argsort', (array, options) => argsort(array, options)],
  ]) {
    const array = randomArray(random, Float64Array, 3_000_000);
    const progress = new Int32Array(new SharedArrayBuffer(16));
    const seen = [];
    let running = true;
    const watching = (async () => {
      while (running) {
        seen.push(Atomics.load(progress, 2));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await run(array, { progress, index: 2 });
    running = false;
    await watching;
    seen.push(Atomics.load(progress, 2));
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], `${name}: ${seen[i - 1]} then ${seen[i]}`);
    assert.equal(Atomics.load(progress, 3), array.length, `${name} total`);
    assert.equal(seen.at(-1), array.length, `${name} ends at its total`);
  }
});

test('kernels on the same memory run one after another, in the order they were called', async () => {
  const random = seededRandom(110);
  const array = new Float64Array(new SharedArrayBuffer(8 * 1_000_000));
  array.set(randomArray(random, Float64Array, 1_000_000).map((v) => (Number.isNaN(v) ? 0 : v)));
  const overlapping = new Float64Array(array.buffer, 8 * 1000, 500_000);
  const sorting = sort(array);
  // Queued behind the sort: it sees the sorted elements, whose stable order is 0..n-1.
  const indices = argsort(overlapping);
  await sorting;
  assert.deepEqual(Array.from(await indices), Array.from(overlapping.keys()));
  // A sync kernel waits for a pending async one on the same memory.
  const descending = sort(array, { descending: false });
  sortSync(array, { descending: true });
  await descending;
  for (let i = 1; i < array.length; i++) assert.ok(array[i - 1] >= array[i], `descending at ${i}`);
});

test('over an ArrayBuffer, an async kernel called after a sort starts from the sorted array', async () => {
  const random = seededRandom(111);
  const array = randomArray(random, Float64Array, 1_000_000).map((v) => (Number.isNaN(v) ? 0 : v));
  const overlapping = new Float64Array(array.buffer, 8 * 1000, 500_000);
  const sorting = sort(array);
  // Each works on a copy taken when it starts: the argsort's is taken once the sort's
  // result is in the array, whose stable order is then 0..n-1.
  const indices = argsort(overlapping);
  const sum = reduce(overlapping, 'sum');
  await sorting;
  assert.deepEqual(Array.from(await indices), Array.from(overlapping.keys()));
  assert.equal(await sum, reduceSync(overlapping, 'sum'));
  const descending = sort(array, { descending: true });
  const ascending = sort(array);
  await Promise.all([descending, ascending]);
  for (let i = 1; i < array.length; i++) assert.ok(array[i - 1] <= array[i], `ascending at ${i}`);
});

test('bad arguments throw Node-style errors with codes', async () => {
  const array = new Float64Array(4);
  const cases = [
    [() => sortSync([3, 1]), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "typedArray" argument must be an instance of TypedArray. Received an instance of Array'],
    [() => sortSync(new DataView(new ArrayBuffer(8))), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => sortSync(array, { descending: 'yes' }), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => sortSync(array, 5), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options" argument must be of type object. Received type number (5)'],
    [() => reduceSync(array, 'median'), TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'op' must be one of: 'sum', 'min', 'max', 'mean', 'variance', 'minmax'. Received 'median'"],
    [() => statsSync(array, { progress: new Int32Array(2) }), TypeError, 'ERR_INVALID_ARG_VALUE'],
    [() => statsSync(array, { progress: new Float64Array(new SharedArrayBuffer(16)) }), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => statsSync(array, { progress: new Int32Array(new SharedArrayBuffer(8)), index: 1 }), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => histogramSync(array, { bins: 0 }), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => histogramSync(array, { bins: 2.5 }), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => histogramSync(array, { bins: '3' }), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => histogramSync(array, { min: 5, max: 1 }), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => histogramSync(array, { min: 0, max: Infinity }), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => histogramSync(array, { min: 0 }), TypeError, 'ERR_INVALID_ARG_VALUE'],
    [() => workers.setThreads(0), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => workers.setThreads('2'), TypeError, 'ERR_INVALID_ARG_TYPE'],
  ];
  for (const [call, Class, code, message] of cases) {
    assert.throws(call, (error) => {
      assert.equal(error.constructor, Class, String(call));
      assert.equal(error.code, code, String(call));
      if (message) assert.equal(error.message, message);
      return true;
    });
  }
  await assert.rejects(sort([1]), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(stats(array, { signal: {} }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" property must be an instance of AbortSignal. Received an instance of Object',
  });
  await assert.rejects(reduce(array, 'nope'), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('a detached buffer is refused; a resizable or growable one is taken by every form', async () => {
  const detached = new Float64Array(8);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  assert.throws(() => sortSync(detached), { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' });
  await assert.rejects(stats(detached), { code: 'ERR_INVALID_ARG_VALUE' });
  const resizable = new Float64Array(new ArrayBuffer(24, { maxByteLength: 64 }));
  resizable.set([3, 1, 2]);
  assert.deepEqual(Array.from(await sort(resizable)), [1, 2, 3]);
  resizable.set([3, 1, 2]);
  assert.deepEqual(Array.from(sortSync(resizable)), [1, 2, 3]);
  const growable = new Float64Array(new SharedArrayBuffer(24, { maxByteLength: 64 }));
  growable.set([3, 1, 2]);
  assert.deepEqual(Array.from(await sort(growable)), [1, 2, 3]);
});

test('the pool is sized to os.availableParallelism() unless setThreads asked otherwise', () => {
  const threads = workers.threads();
  assert.ok(Number.isInteger(threads) && threads >= 1);
  // The pool has started by now (the kernels above ran): its size is fixed.
  assert.doesNotThrow(() => workers.setThreads(threads));
  assert.throws(() => workers.setThreads(threads + 1), (error) => {
    assert.equal(error.constructor, Error);
    assert.equal(error.code, 'ERR_INVALID_STATE');
    assert.match(error.message, /^Invalid state: hotpath's thread pool has already started with \d+ threads/);
    return true;
  });
});

test('without the addon every export says it needs it, and loading the face still works', () => {
  const child = runWithoutAddon(
    "const w = require('hotpath/workers');" +
      "for (const call of [() => w.threads(), () => w.sortSync(new Float64Array(2))]) { try { call() } catch (e) { console.log(e.code) } }" +
      "w.sort(new Float64Array(2)).catch((e) => console.log(e.code, /hotpath\\/workers needs the native addon/.test(e.message)));",
  );
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'HOTPATH_NATIVE_UNAVAILABLE\nHOTPATH_NATIVE_UNAVAILABLE\nHOTPATH_NATIVE_UNAVAILABLE true');
});
