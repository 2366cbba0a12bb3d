'use strict';

// The zlib rules that changed between the supported Node versions, read off the
// running built-in (never its version number), so hotpath/zlib follows whichever Node
// runs it. Each is worked out on first use: most programs never meet most of them.
//
// - bytesRead, the deprecated alias of bytesWritten (DEP0108), is gone from Node 24.
// - Node 24 checks flush(kind) against the format's flush range.
// - Node 24 warns once when a class is called without `new` (DEP0184).
// - Node 24 takes a brotli `dictionary` (checked like zlib's); Node 20/22 ignore it.
// - `rejectGarbageAfterEnd`: Node 22 reads it in streams (and in the callback forms,
//   which are streams); Node 24 also in the *Sync forms, checks it is a boolean, and
//   stops gunzip after the first member.
// - Node 24 names the factories (createGzip.name is 'createGzip'; 'value' before).
// - params() whose flush failed (a destroyed or closed stream): Node 22.23 and 24.22
//   hand the flush's error to the callback; Node 20.20 and 26.12 throw an uncaught
//   "zlib binding closed" assertion.

const builtin = require('node:zlib');

function lazy(probe) {
  let value;
  let known = false;
  return () => {
    if (!known) {
      value = probe();
      known = true;
    }
    return value;
  };
}

const hasBytesRead = lazy(() => 'bytesRead' in builtin.Gzip.prototype);

const flushChecksKind = lazy(() => {
  const probe = builtin.createDeflateRaw();
  try {
    probe.flush(-1);
    return false;
  } catch (error) {
    return error.code === 'ERR_OUT_OF_RANGE';
  } finally {
    probe.close();
  }
});

// The deprecation lives inside each class's own source; nothing else shows it.
const warnsWithoutNew = lazy(() => Function.prototype.toString.call(builtin.Deflate).includes('DEP0184'));

const brotliTakesDictionary = lazy(() => {
  try {
    builtin.brotliCompressSync('', { dictionary: 'not a buffer' });
    return false;
  } catch (error) {
    return error.code === 'ERR_INVALID_ARG_TYPE';
  }
});

const GARBAGE_IGNORED = 0;
const GARBAGE_IN_STREAMS = 1;
const GARBAGE_EVERYWHERE = 2;

const garbageRule = lazy(() => {
  if (new builtin.Inflate({ rejectGarbageAfterEnd: true })._rejectGarbageAfterEnd !== true) return GARBAGE_IGNORED;
  try {
    builtin.inflateRawSync(Buffer.from([0x03, 0x00, 0x00]), { rejectGarbageAfterEnd: true });
    return GARBAGE_IN_STREAMS;
  } catch (error) {
    return error.code === 'ERR_TRAILING_JUNK_AFTER_STREAM_END' ? GARBAGE_EVERYWHERE : GARBAGE_IN_STREAMS;
  }
});

const factoryName = (className) => builtin[`create${className}`].name;

// Asked of a closed Deflate whose flush is made to fail at once, so that either
// answer comes back synchronously: the callback, or the assertion params() throws.
const paramsGivesFlushErrorToCallback = lazy(() => {
  const probe = new builtin.Deflate();
  probe.close();
  const failure = new Error('probe');
  probe.flush = (_kind, callback) => callback(failure);
  let given;
  try {
    probe.params(1, 0, (error) => {
      given = error;
    });
  } catch {
    return false;
  }
  return given === failure;
});

module.exports = {
  paramsGivesFlushErrorToCallback,
  hasBytesRead,
  flushChecksKind,
  warnsWithoutNew,
  brotliTakesDictionary,
  garbageRule,
  factoryName,
  GARBAGE_IGNORED,
  GARBAGE_IN_STREAMS,
  GARBAGE_EVERYWHERE,
};
