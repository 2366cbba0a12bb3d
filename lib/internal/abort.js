'use strict';

// AbortSignal handling as Node's own APIs do it (fs.promises, timers/promises): the
// signal is checked by duck type, a call whose signal has already fired rejects at
// once, and the rejection is an AbortError (code ABORT_ERR) whose cause is the
// signal's reason.

const { invalidArgType } = require('./errors.js');

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

function abortErrorOf(signal) {
  return new AbortError(undefined, { cause: signal.reason });
}

/** Calls `onAbort` when `signal` fires; returns what stops listening. */
function listenForAbort(signal, onAbort) {
  if (signal === undefined) return () => {};
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

module.exports = { AbortError, validateAbortSignal, abortErrorOf, listenForAbort };
