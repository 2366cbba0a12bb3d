'use strict';

// The async iterator of a readline Interface, with the semantics of the running Node's
// `events.on(rl, 'line', { close: ['close'], highWaterMark: 1024 })`. Lines queue while
// nobody awaits them; above 1024 queued lines the interface is paused and it resumes
// once the queue is empty; 'close' ends iteration after the queued lines (and, from
// Node 24, forgets the pause, so draining them does not resume a closed interface);
// an 'error' rejects the next call once; `return()` (leaving a for-await early) only
// detaches. Queued lines come back as already-resolved promises, with no generator
// machinery.

const { invalidArgType } = require('../errors.js');
const { ITERATOR_CLOSE_ENDS_PAUSE, ITERATOR_HAS_WATERMARK_DATA, kWatermarkData } = require('./version-rules.js');

const HIGH_WATER_MARK = 1024;
// Each iterator's 'line' listener, so the interface can hand it lines directly when it
// is the only listener (skipping emit()); it returns true when it has just paused.
// Kept off the iterator, whose own properties are events.on's.
const lineListeners = new WeakMap();
const LOW_WATER_MARK = 1;
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

function createLineIterator(emitter) {
  let queue = [];
  let head = 0;
  const waiting = [];
  let paused = false;
  let error = null;
  let finished = false;

  function onLine(line) {
    if (waiting.length > 0) {
      waiting.shift().resolve({ value: line, done: false });
      return false;
    }
    queue.push(line);
    if (!paused && queue.length - head > HIGH_WATER_MARK) {
      paused = true;
      emitter.pause();
      return true;
    }
    return false;
  }

  function onError(err) {
    if (waiting.length > 0) waiting.shift().reject(err);
    else error = err;
    finish();
  }

  function finish() {
    emitter.removeListener('line', onLine);
    emitter.removeListener('error', onError);
    emitter.removeListener('close', finish);
    finished = true;
    if (ITERATOR_CLOSE_ENDS_PAUSE) paused = false;
    const done = { value: undefined, done: true };
    while (waiting.length > 0) waiting.shift().resolve(done);
    return Promise.resolve(done);
  }

  emitter.on('line', onLine);
  emitter.on('error', onError);
  emitter.on('close', finish);

  const iterator = {
    next() {
      if (head < queue.length) {
        const value = queue[head];
        queue[head++] = undefined;
        if (head === queue.length) {
          queue = [];
          head = 0;
        }
        if (paused && queue.length - head < LOW_WATER_MARK) {
          emitter.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      if (error !== null) {
        const rejected = Promise.reject(error);
        error = null;
        return rejected;
      }
      if (finished) return finish();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },

    return() {
      return finish();
    },

    throw(err) {
      if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
      onError(err);
    },

    [Symbol.asyncIterator]() {
      return this;
    },
  };
  lineListeners.set(iterator, onLine);
  if (ITERATOR_HAS_WATERMARK_DATA) {
    // events.on's view of its queue, an own enumerable property as there.
    iterator[kWatermarkData] = {
      get size() {
        return queue.length - head;
      },
      get low() {
        return LOW_WATER_MARK;
      },
      get high() {
        return HIGH_WATER_MARK;
      },
      get isPaused() {
        return paused;
      },
    };
  }
  return Object.setPrototypeOf(iterator, AsyncIteratorPrototype);
}

/** The 'line' listener of an iterator made by createLineIterator. */
function lineListenerOf(iterator) {
  return lineListeners.get(iterator);
}

module.exports = { createLineIterator, lineListenerOf };
