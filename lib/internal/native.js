'use strict';

// Loads the native addon once for every face. A missing or broken binary is not an
// outage: the faces fall back to the built-ins and one warning names the cause, unless
// HOTPATH_STRICT=1 asks for the load error to be thrown instead.

let native = null;
let loadError = null;

try {
  native = require('../../binding.js');
  // hotpath's one pool starts, at its first use, with one thread per core that this
  // process may use (unless hotpath/workers' setThreads() asks for another size).
  native.poolSetDefaultThreads(require('node:os').availableParallelism());
} catch (error) {
  loadError = error;
  if (process.env.HOTPATH_STRICT === '1') throw error;
  process.emitWarning(`hotpath: ${describeLoadError(error)}; falling back to the Node.js built-ins`, {
    code: 'HOTPATH_NATIVE_UNAVAILABLE',
  });
}

/**
 * The loader's error (what failed, what to do) with what each place it looked said
 * (its `cause` chain: no platform package, a file that is not a library …), each
 * reason's first line once.
 */
function describeLoadError(error) {
  const firstLine = (value) => String(value && value.message !== undefined ? value.message : value).split('\n')[0];
  const reasons = [];
  for (let cause = error && error.cause; cause && reasons.length < 8; cause = cause.cause) {
    const reason = firstLine(cause);
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  const summary = firstLine(error);
  return reasons.length > 0 ? `${summary} (tried: ${reasons.join('; ')})` : summary;
}

/** For extras Node lacks: there is no built-in to fall back to, so say why. */
function requireNative(feature) {
  if (native) return native;
  const error = new Error(`hotpath: ${feature} needs the native addon, and ${describeLoadError(loadError)}`);
  error.code = 'HOTPATH_NATIVE_UNAVAILABLE';
  error.cause = loadError;
  throw error;
}

/**
 * A named set of numbers the addon exports (a `#[napi]` enum): the JS↔Rust contract is
 * written once, in Rust, and read from here. Without the addon nothing native is
 * called, so an empty set stands in.
 */
function nativeEnum(name) {
  return native ? native[name] : Object.freeze({});
}

/** Whether the addon loaded and from where, or why not (for `status()` and `hotpath doctor`). */
function addonState() {
  if (native) return { loaded: true, ...native.loadedFrom };
  return { loaded: false, code: loadError && loadError.code, reason: describeLoadError(loadError) };
}

module.exports = { native, requireNative, nativeEnum, addonState };
