'use strict';

// Native async work settles a promise; Node's own callbacks run from the event
// loop instead. A user callback (or a 'data' listener) that throws must surface as
// an uncaught exception, as in Node, not as a rejected promise nobody awaits.

function rethrowLater(error) {
  process.nextTick(() => {
    throw error;
  });
}

/** Runs `onValue` or `onError` when `promise` settles, outside the promise chain. */
function onSettled(promise, onValue, onError) {
  promise.then(
    (value) => {
      try {
        onValue(value);
      } catch (error) {
        rethrowLater(error);
      }
    },
    (reason) => {
      try {
        onError(reason);
      } catch (error) {
        rethrowLater(error);
      }
    },
  );
}

module.exports = { onSettled };
