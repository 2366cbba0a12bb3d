'use strict';

// hotpath/buffer's streaming search, the core of a multipart or boundary parser: push
// chunks as they arrive and get the stream offsets of the matches they complete.

const { requireNative } = require('../native.js');
const { validateBuffer, needleBytes } = require('./arguments.js');

const kNative = Symbol('kNative');
const kNeedle = Symbol('kNeedle');
const kFound = Symbol('kFound');

class Searcher {
  constructor(needle, encoding) {
    const binding = requireNative('buffer.Searcher');
    const bytes = needleBytes(needle, encoding);
    // A copy: the needle may be a view that the caller changes later.
    this[kNeedle] = Buffer.from(bytes);
    this[kNative] = new binding.BufferSearcher(this[kNeedle]);
    // Where the addon writes a push's match offsets; grown when a push finds more.
    this[kFound] = new Float64Array(16);
  }

  /** The needle's bytes (a copy). */
  get needle() {
    return Buffer.from(this[kNeedle]);
  }

  /**
   * The start offsets, counted from the start of the stream, of the matches whose
   * last byte is in `chunk`; matches never overlap.
   */
  push(chunk) {
    validateBuffer(chunk, 'chunk');
    const matches = this[kNative].push(chunk, this[kFound]);
    if (matches === 0) return [];
    if (matches > this[kFound].length) {
      this[kFound] = new Float64Array(matches * 2);
      this[kNative].copyFound(this[kFound]);
    }
    const found = this[kFound];
    const offsets = new Array(matches);
    for (let i = 0; i < matches; i++) offsets[i] = found[i];
    return offsets;
  }

  /** Starts a new stream: offsets count from 0 again and no partial match is kept. */
  reset() {
    this[kNative].reset();
  }
}

module.exports = { Searcher };
