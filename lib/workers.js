'use strict';

// hotpath/workers: CPU-heavy work on native threads that share the memory with JS,
// without Worker start-up, postMessage copies or a blocked event loop. Every kernel
// takes any numeric TypedArray (over an ArrayBuffer or a SharedArrayBuffer), works in
// place, and comes as a promise (options: signal, progress, index) and a Sync twin.
// One pool of native threads serves all of hotpath, in every Worker of the process.

const { requireNative } = require('./internal/native.js');
const { makeNodeError } = require('./internal/errors.js');
const { validateInt32 } = require('./internal/validators.js');
const { Kernel, runSync, runAsync } = require('./internal/workers/kernels.js');
const { optionsOf, descendingOf, validateOperation, histogramOptionsOf } = require('./internal/workers/arguments.js');

const MAX_THREADS = 1024;

/** The pool's size: what it has, or will start with (os.availableParallelism()). */
function threads() {
  return requireNative('hotpath/workers').poolThreads();
}

/** Sets the pool's size; only before its first use (an error after, unless unchanged). */
function setThreads(n) {
  const native = requireNative('hotpath/workers');
  validateInt32(n, 'n', 1, MAX_THREADS);
  if (native.poolStarted() && native.poolThreads() !== n) {
    throw makeNodeError(
      Error,
      'ERR_INVALID_STATE',
      `Invalid state: hotpath's thread pool has already started with ${native.poolThreads()} threads; ` +
        'setThreads() must be called before the first parallel call',
    );
  }
  native.poolSetThreads(n);
}

function sortSettings(options) {
  return { kernel: Kernel.Sort, descending: descendingOf(options) };
}

/** Sorts in place in TypedArray#sort's order (or its reverse); resolves to the array. */
async function sort(typedArray, options) {
  const settings = sortSettings(optionsOf(options));
  await runAsync(typedArray, settings, optionsOf(options));
  return typedArray;
}

function sortSync(typedArray, options) {
  runSync(typedArray, sortSettings(optionsOf(options)), optionsOf(options));
  return typedArray;
}

/** The indices that sort the array, stable: a Uint32Array (a Float64Array past 2^32). */
async function argsort(typedArray, options) {
  return runAsync(typedArray, { kernel: Kernel.Argsort }, optionsOf(options));
}

function argsortSync(typedArray, options) {
  return runSync(typedArray, { kernel: Kernel.Argsort }, optionsOf(options));
}

/** The public shape of a summary: { min, max, sum, mean, variance }. */
function statsOf(summary) {
  const { min, max, sum, mean, variance } = summary;
  return { min, max, sum, mean, variance };
}

function operationOf(summary, op) {
  switch (op) {
    case 'minmax':
      return [summary.min, summary.max];
    default:
      return summary[op];
  }
}

/** What an operation needs computed: the sum always; extremes and variance if asked. */
function statsSettings(op) {
  return {
    kernel: Kernel.Stats,
    extremes: op === 'stats' || op === 'min' || op === 'max' || op === 'minmax',
    variance: op === 'stats' || op === 'variance',
  };
}

/** One of sum | min | max | mean | variance | minmax of the elements. */
async function reduce(typedArray, op, options) {
  validateOperation(op);
  return operationOf(await runAsync(typedArray, statsSettings(op), optionsOf(options)), op);
}

function reduceSync(typedArray, op, options) {
  validateOperation(op);
  return operationOf(runSync(typedArray, statsSettings(op), optionsOf(options)), op);
}

/** { min, max, sum, mean, variance } in one pass over the memory. */
async function stats(typedArray, options) {
  return statsOf(await runAsync(typedArray, statsSettings('stats'), optionsOf(options)));
}

function statsSync(typedArray, options) {
  return statsOf(runSync(typedArray, statsSettings('stats'), optionsOf(options)));
}

function histogramSettings(options) {
  return { kernel: Kernel.Histogram, ...histogramOptionsOf(options) };
}

/** Counts in `bins` equal-width bins over [min, max] (numpy.histogram's rules). */
async function histogram(typedArray, options) {
  const settings = histogramSettings(optionsOf(options));
  return runAsync(typedArray, settings, optionsOf(options));
}

function histogramSync(typedArray, options) {
  return runSync(typedArray, histogramSettings(optionsOf(options)), optionsOf(options));
}

module.exports = {
  threads,
  setThreads,
  sort,
  sortSync,
  argsort,
  argsortSync,
  reduce,
  reduceSync,
  stats,
  statsSync,
  histogram,
  histogramSync,
};
