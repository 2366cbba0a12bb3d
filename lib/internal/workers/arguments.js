'use strict';

// The argument rules of hotpath/workers' kernels, with Node's error codes and message
// shapes: which arrays (every numeric TypedArray, over an ArrayBuffer or a
// SharedArrayBuffer), which options, which operation.

const { isTypedArray, isSharedArrayBuffer, isInt32Array } = require('node:util').types;
const { invalidArgType, invalidArgValue, outOfRange } = require('../errors.js');
const { validateBoolean, validateFunction } = require('../validators.js');
const { validateAbortSignal } = require('../abort.js');

const MAX_BINS = 2 ** 24;

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgType(name, 'object', value);
  }
}

/** The options argument: undefined stands for {}. */
function optionsOf(options) {
  if (options === undefined) return {};
  validateObject(options, 'options');
  return options;
}

/**
 * The array a kernel works on. `isDetached` asks the addon, and only for an array
 * with no bytes, which every array over a detached buffer is.
 */
function validateTypedArray(array, isDetached) {
  if (!isTypedArray(array)) throw invalidArgType('typedArray', 'TypedArray', array);
  if (array.byteLength === 0 && isDetached(array)) {
    throw invalidArgValue('typedArray', array, 'must not be backed by a detached ArrayBuffer');
  }
}

/** `{progress, index}`: two Int32 slots of a SharedArrayBuffer, or none. */
function progressOf(options) {
  const { progress, index = 0 } = options;
  if (progress === undefined) return { progress: undefined, index: 0 };
  if (!isInt32Array(progress)) throw invalidArgType('options.progress', 'Int32Array', progress);
  if (!isSharedArrayBuffer(progress.buffer)) {
    throw invalidArgValue('options.progress', progress, 'must be backed by a SharedArrayBuffer');
  }
  if (typeof index !== 'number') throw invalidArgType('options.index', 'number', index);
  if (!Number.isInteger(index)) throw outOfRange('options.index', 'an integer', index);
  if (index < 0 || index > progress.length - 2) {
    throw outOfRange('options.index', `>= 0 && <= ${progress.length - 2}`, index);
  }
  return { progress, index };
}

/**
 * The options every async kernel takes: signal, progress and index, and onProgress,
 * which reads the progress slots (two of its own where none are given).
 */
function asyncOptionsOf(options) {
  validateAbortSignal(options.signal, 'options.signal');
  const { onProgress } = options;
  if (onProgress !== undefined) validateFunction(onProgress, 'options.onProgress');
  const slots = progressOf(options);
  if (onProgress !== undefined && slots.progress === undefined) {
    slots.progress = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  }
  return { signal: options.signal, onProgress, ...slots };
}

function descendingOf(options) {
  const { descending = false } = options;
  validateBoolean(descending, 'options.descending');
  return descending;
}

const OPERATIONS = ['sum', 'min', 'max', 'mean', 'variance', 'minmax'];

function validateOperation(op) {
  if (!OPERATIONS.includes(op)) {
    const list = OPERATIONS.map((name) => `'${name}'`).join(', ');
    throw invalidArgValue('op', op, `must be one of: ${list}`);
  }
}

/** A range bound: a Number or a BigInt, finite. */
function boundOf(value, name) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' && typeof value !== 'bigint') throw invalidArgType(name, ['number', 'bigint'], value);
  const number = Number(value);
  if (!Number.isFinite(number)) throw outOfRange(name, 'a finite number', value);
  return number;
}

/** `{bins, min, max}` of histogram(): bins 1–2^24 (10 by default); min ≤ max, both or neither. */
function histogramOptionsOf(options) {
  const { bins = 10 } = options;
  if (typeof bins !== 'number') throw invalidArgType('options.bins', 'number', bins);
  if (!Number.isInteger(bins)) throw outOfRange('options.bins', 'an integer', bins);
  if (bins < 1 || bins > MAX_BINS) throw outOfRange('options.bins', `>= 1 && <= ${MAX_BINS}`, bins);
  const low = boundOf(options.min, 'options.min');
  const high = boundOf(options.max, 'options.max');
  if ((low === undefined) !== (high === undefined)) {
    throw invalidArgValue('options', options, "must give both 'min' and 'max', or neither");
  }
  if (low !== undefined && high < low) {
    throw outOfRange('options.max', `>= options.min (${low})`, options.max);
  }
  return { bins, low, high };
}

module.exports = {
  optionsOf,
  validateTypedArray,
  progressOf,
  asyncOptionsOf,
  descendingOf,
  validateOperation,
  histogramOptionsOf,
};
