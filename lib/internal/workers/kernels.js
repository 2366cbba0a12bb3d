'use strict';

// Runs a kernel of the addon, as a promise (on the pool, cancellable through an
// AbortSignal) or in the calling thread's time (Sync). The typed array, and the
// progress array, stay referenced by the pending call until it settles: the addon
// works on their memory in place.

const { requireNative, nativeEnum } = require('../native.js');
const { abortErrorOf, listenForAbort } = require('./abort.js');
const { validateTypedArray, validateAsyncArray, progressOf, asyncOptionsOf } = require('./arguments.js');

const Kernel = nativeEnum('KernelKind');

function binding() {
  return requireNative('hotpath/workers');
}

const isDetached = (array) => binding().workersIsDetached(array);

/** `settings`: { kernel, descending, extremes, variance, bins, low, high }. */
function nativeOptions(settings) {
  return {
    kernel: settings.kernel,
    descending: settings.descending === true,
    extremes: settings.extremes === true,
    variance: settings.variance === true,
    bins: settings.bins ?? 0,
    low: settings.low,
    high: settings.high,
  };
}

/** Runs a kernel now; returns what the addon returns. */
function runSync(array, settings, options) {
  const native = binding();
  validateTypedArray(array, isDetached);
  const { progress, index } = progressOf(options);
  return native.workersRunSync(array, nativeOptions(settings), progress, index);
}

/** Runs a kernel on the pool; resolves to what the addon resolves to. */
async function runAsync(array, settings, options) {
  const native = binding();
  validateTypedArray(array, isDetached);
  validateAsyncArray(array);
  const { signal, progress, index } = asyncOptionsOf(options);
  if (signal?.aborted) throw abortErrorOf(signal);
  const control = new native.KernelControl();
  const stopListening = listenForAbort(signal, () => control.cancel());
  let result;
  try {
    result = await native.workersRun(array, nativeOptions(settings), control, progress, index);
  } finally {
    stopListening();
  }
  // The addon resolves null when the kernel stopped because it was cancelled.
  if (result === null) throw abortErrorOf(signal);
  // Kept referenced until here: the kernel read (or wrote) their memory in place.
  keepAlive(array, progress);
  return result;
}

function keepAlive() {}

module.exports = { Kernel, runSync, runAsync };
