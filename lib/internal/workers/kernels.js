'use strict';

// Runs a kernel of the addon, as a promise (on the pool, cancellable through an
// AbortSignal) or in the calling thread's time (Sync). The Sync forms and async calls
// over a SharedArrayBuffer work on the array's memory in place; an async call over an
// ArrayBuffer works on a copy the addon takes when it starts (JS may detach or shrink
// that buffer meanwhile), and a sort writes its copy back when it settles.

const { isSharedArrayBuffer } = require('node:util').types;
const { requireNative, nativeEnum } = require('../native.js');
const { makeNodeError } = require('../errors.js');
const { copied } = require('../kept-copies.js');
const { runLongWork } = require('../long-work.js');
const { validateTypedArray, progressOf, asyncOptionsOf } = require('./arguments.js');

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

// ArrayBuffer → a promise settled once the last sort called on it has settled. Async
// kernels run in the order they were called, as the addon orders them over shared
// memory: over an ArrayBuffer each starts from a copy, so one called after a sort
// starts once that sort's result is in the array.
const sortsInFlight = new WeakMap();
const ignore = () => {};

function inCallOrder(array, writes, start) {
  const buffer = array.buffer;
  if (isSharedArrayBuffer(buffer)) return start();
  const earlier = sortsInFlight.get(buffer);
  const started = earlier === undefined ? start() : earlier.then(start);
  if (writes) {
    const settled = started.then(ignore, ignore);
    sortsInFlight.set(buffer, settled);
    settled.then(() => {
      if (sortsInFlight.get(buffer) === settled) sortsInFlight.delete(buffer);
    });
  }
  return started;
}

function notWrittenBack(kernel) {
  return makeNodeError(
    Error,
    'ERR_INVALID_STATE',
    `Invalid state: the TypedArray's ArrayBuffer was detached or shrunk while ${kernel}() ran; its result was not written back`,
  );
}

/**
 * Runs a kernel on the pool; resolves to what the addon resolves to. `signal` and
 * `onProgress` as long-work.js runs them, over the kernel's own cancel flag and its
 * progress slots in shared memory.
 */
async function runAsync(array, settings, options) {
  const native = binding();
  validateTypedArray(array, isDetached);
  const { signal, onProgress, progress, index } = asyncOptionsOf(options);
  const kernelControl = new native.KernelControl();
  const control = {
    cancel: () => kernelControl.cancel(),
    done: () => Atomics.load(progress, index),
    total: () => Atomics.load(progress, index + 1),
  };
  const run = async () => {
    const result = await inCallOrder(array, settings.kernel === Kernel.Sort, () => {
      // Again: the buffer may have been detached while an earlier sort ran.
      validateTypedArray(array, isDetached);
      const running = native.workersRun(array, nativeOptions(settings), kernelControl, progress, index);
      if (!isSharedArrayBuffer(array.buffer)) copied(array.byteLength);
      return running;
    });
    // The addon resolves null when the kernel stopped because it was cancelled (the
    // rejection runLongWork makes), and false when a sort's copy could not be written back.
    if (result === false) throw notWrittenBack('sort');
    return result;
  };
  return runLongWork({ signal, onProgress }, run, control);
}

module.exports = { Kernel, runSync, runAsync };
