'use strict';

// `signal` and `onProgress` for hotpath's long async extras (hashFiles, the *Many
// calls, countLines, the workers kernels). The work on the pool shares a control with
// the call: an abort sets its cancel flag, the work stops before its next piece (an
// input, a file, a read) and resolves null, and only then does the call reject with
// an AbortError, so no work goes on after the rejection. onProgress(done, total) is
// called from the main thread on a timer, at most every PROGRESS_EVERY_MS while done
// changes, and once more with done === total just before the call resolves.

const { native } = require('./native.js');
const { validateFunction } = require('./validators.js');
const { validateAbortSignal, abortErrorOf, listenForAbort } = require('./abort.js');

const PROGRESS_EVERY_MS = 50;

/** `{ signal, onProgress }` of an extra's options, checked as Node checks a signal. */
function longWorkOptionsOf(options) {
  const signal = options == null ? undefined : options.signal;
  const onProgress = options == null ? undefined : options.onProgress;
  validateAbortSignal(signal, 'options.signal');
  if (onProgress !== undefined) validateFunction(onProgress, 'options.onProgress');
  return { signal, onProgress };
}

/** The same control for work that runs in JS (a loop between turns of the event loop). */
class JsWorkControl {
  constructor(total = 0) {
    this.cancelled = false;
    this.doneUnits = 0;
    this.totalUnits = total;
  }

  cancel() {
    this.cancelled = true;
  }

  done() {
    return this.doneUnits;
  }

  total() {
    return this.totalUnits;
  }
}

/** Calls onProgress(done, total) from `read()` every PROGRESS_EVERY_MS while it changes. */
function reportProgress(read, onProgress) {
  let last = -1;
  const report = (final) => {
    const [done, total] = read();
    if (done === last && !final) return;
    last = done;
    onProgress(done, total);
  };
  const timer = setInterval(report, PROGRESS_EVERY_MS);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    finish: () => report(true),
  };
}

/**
 * Runs `start(control)` (a promise of the result, or of null when the work saw the
 * cancel) under `signal` and `onProgress`. `control` is what the work reports to and
 * checks: the caller's (a JsWorkControl for work done in JS, the workers kernels'
 * view of theirs), else a native WorkControl made only when a signal or onProgress
 * needs one (without, the addon makes its own).
 */
async function runLongWork({ signal, onProgress }, start, control = undefined) {
  if (signal !== undefined && signal.aborted) throw abortErrorOf(signal);
  if (signal === undefined && onProgress === undefined) return start(control);
  control ??= new native.WorkControl();
  const stopListening = listenForAbort(signal, () => control.cancel());
  const progress = onProgress && reportProgress(() => [control.done(), control.total()], onProgress);
  let result;
  try {
    result = await start(control);
  } finally {
    stopListening();
    if (progress) progress.stop();
  }
  if (result === null) throw abortErrorOf(signal);
  if (progress) progress.finish();
  return result;
}

module.exports = { longWorkOptionsOf, runLongWork, JsWorkControl, PROGRESS_EVERY_MS };
