'use strict';

// Node's StringDecoder over the native engine. The decoder's state lives where Node
// keeps it, in a 7-byte Buffer on the object, which the engine reads and updates;
// `lastChar`, `lastNeed`, `lastTotal`, `text()` and `end()` therefore see exactly
// what they see in Node. Other WHATWG encodings use a native streaming decoder.

const { constants: bufferConstants } = require('node:buffer');
const { native } = require('./native.js');
const { makeNodeError, makeNativeStyleError, invalidArgType } = require('./errors.js');
const { resolveEncoding } = require('./encodings.js');

// The state buffer: 4 bytes of incomplete character, the missing and buffered byte
// counts, the encoding id.
const STATE_SIZE = 7;
const MISSING_BYTES = 4;
const BUFFERED_BYTES = 5;
const ENCODING_FIELD = 6;

// Same description as Node's symbol, so util.inspect(decoder) prints the same.
const kNativeDecoder = Symbol('kNativeDecoder');
const kWhatwgDecoder = Symbol('kWhatwgDecoder');

// Node throws this one from C++: a plain Error with a code.
function stringTooLong() {
  const max = bufferConstants.MAX_STRING_LENGTH.toString(16);
  return makeNativeStyleError(Error, 'ERR_STRING_TOO_LONG', `Cannot create a string longer than 0x${max} characters`);
}

/** An error from the addon as Node would throw it (its too-long marker → ERR_STRING_TOO_LONG). */
function fromNative(error) {
  return error && error.message === 'ERR_STRING_TOO_LONG' ? stringTooLong() : error;
}

function StringDecoder(encoding) {
  const resolved = resolveEncoding(encoding);
  this.encoding = resolved.name;
  const state = Buffer.alloc(STATE_SIZE);
  this[kNativeDecoder] = state;
  if (resolved.whatwg) {
    this[kWhatwgDecoder] = new native.WhatwgDecoder(resolved.whatwg);
  } else {
    state[ENCODING_FIELD] = resolved.nodeId;
  }
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) throw invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  const state = this[kNativeDecoder];
  if (!state) throw makeNodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
  try {
    const whatwg = this[kWhatwgDecoder];
    return whatwg === undefined ? native.decoderWrite(state, buf) : whatwg.write(buf);
  } catch (error) {
    throw fromNative(error);
  }
};

StringDecoder.prototype.end = function end(buf) {
  let text = '';
  if (buf !== undefined) text = this.write(buf);
  const whatwg = this[kWhatwgDecoder];
  const state = this[kNativeDecoder];
  try {
    if (whatwg !== undefined) return text + whatwg.end();
    if (state[BUFFERED_BYTES] > 0) text += native.decoderFlush(state);
  } catch (error) {
    throw fromNative(error);
  }
  return text;
};

// Undocumented legacy API, kept as Node has it: drop any pending character, then
// decode `buf` from `offset`.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][MISSING_BYTES] = 0;
  this[kNativeDecoder][BUFFERED_BYTES] = 0;
  if (this[kWhatwgDecoder] !== undefined) this[kWhatwgDecoder].end();
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder].subarray(0, MISSING_BYTES);
    },
  },
  lastNeed: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][MISSING_BYTES];
    },
  },
  lastTotal: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][BUFFERED_BYTES] + this[kNativeDecoder][MISSING_BYTES];
    },
  },
});

module.exports = { StringDecoder, fromNative };
