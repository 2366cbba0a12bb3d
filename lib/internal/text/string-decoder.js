'use strict';

// Node's StringDecoder over the native engine. The decoder's state lives where Node
// keeps it, in a 7-byte Buffer on the object, which the engine reads and updates;
// `lastChar`, `lastNeed`, `lastTotal`, `text()` and `end()` therefore see exactly
// what they see in Node. Other WHATWG encodings use a native streaming decoder.

const { isAscii } = require('node:buffer');
const { native } = require('../native.js');
const { makeNodeError, invalidArgType } = require('../errors.js');
const { forRunningNode } = require('../measured.js');
const { resolveEncoding, NODE_ENCODING_IDS } = require('./encodings.js');
const {
  MISSING_BYTES,
  BUFFERED_BYTES,
  ENCODING_FIELD,
  CHARACTER_END,
  ENCODING_WHATWG,
  newDecoderState,
  flushDecoderState,
  stringErrorFromNative,
} = require('./decoder-state.js');
const { makeUtf8Write } = require('./utf8-write.js');

const ENCODING_ASCII = NODE_ENCODING_IDS.ascii;
const ENCODING_UTF8 = NODE_ENCODING_IDS.utf8;
const ENCODING_LATIN1 = NODE_ENCODING_IDS.latin1;
const ENCODING_HEX = NODE_ENCODING_IDS.hex;

const { asciiSlice, latin1Slice, hexSlice, utf8Slice } = Buffer.prototype;
// Up to this size (Node 20/22) a chunk is sorted out by its edges and a few sampled
// bytes; larger chunks are tested for ASCII first, which pays.
const SMALL_CHUNK = 2048;

// The state buffer sits under Node's own symbol (found on a Node decoder), so the
// object has Node's shape and Node's StringDecoder methods work on it: the buffer's
// layout and encoding ids are Node's (native-contract test).
const NodeStringDecoder = require('node:string_decoder').StringDecoder;
const kNativeDecoder =
  Object.getOwnPropertySymbols(new NodeStringDecoder('utf8')).find((s) => s.description === 'kNativeDecoder') ||
  Symbol('kNativeDecoder');
const nodeWrite = NodeStringDecoder.prototype.write;

// Who decodes UTF-8 chunks that are not plain ASCII: the fastest exact way on each
// Node, chosen by the `utf8 write()` rows of benches/string_decoder.bench.mjs
// (Japanese text in 64 KiB and 1 KiB chunks; docs/string_decoder.md has the ratios):
// - Node 20 and 22: the addon (simdutf); Node's own utf8Slice and StringDecoder decode
//   non-ASCII UTF-8 with V8, several times slower.
// - Node 24: Node's utf8Slice over the chunk's whole characters, with the edges kept
//   in JS (utf8-write.js): Node's simdutf path there beats a crossing into the addon.
// - Node 26: Node's own StringDecoder, whose C++ decodes with simdutf, run on this
//   object's state.
const UTF8_WRITER = forRunningNode({ 20: 'addon', 24: 'js', 26: 'node' });
const writeUtf8InJs = makeUtf8Write(MISSING_BYTES, BUFFERED_BYTES);
const kWhatwgDecoder = Symbol('kWhatwgDecoder');

// Node 24 moved its unknown-encoding check after `this.encoding = …`, so a call
// without `new` fails on the assignment there even for an unknown encoding; 20 and 22
// check the encoding first. Read off the running Node's own decoder, once.
let assignsBeforeEncodingCheck;
function encodingCheckedAfterAssignment() {
  if (assignsBeforeEncodingCheck === undefined) {
    try {
      require('node:string_decoder').StringDecoder.call(undefined, '\u0000unknown');
      assignsBeforeEncodingCheck = false;
    } catch (error) {
      assignsBeforeEncodingCheck = !(error && error.code === 'ERR_UNKNOWN_ENCODING');
    }
  }
  return assignsBeforeEncodingCheck;
}

function StringDecoder(encoding) {
  if (this == null && encodingCheckedAfterAssignment()) this.encoding = undefined;
  const resolved = resolveEncoding(encoding);
  this.encoding = resolved.name;
  this[kNativeDecoder] = newDecoderState(resolved.whatwg ? ENCODING_WHATWG : resolved.nodeId);
  if (resolved.whatwg) this[kWhatwgDecoder] = new native.WhatwgDecoder(resolved.whatwg);
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (buf instanceof Uint8Array) {
    const state = this[kNativeDecoder];
    if (state !== undefined) {
      const encoding = state[ENCODING_FIELD];
      if (encoding === ENCODING_UTF8) return writeUtf8(this, state, buf);
      // With nothing pending, Node's own slice functions are what Node's decoder does
      // for these encodings, and a crossing into the addon costs more than the job.
      if (state[MISSING_BYTES] === 0) {
        switch (encoding) {
          case ENCODING_LATIN1:
            return latin1Slice.call(buf);
          case ENCODING_ASCII:
            return asciiSlice.call(buf);
          case ENCODING_HEX:
            return hexSlice.call(buf);
          default:
        }
      }
    }
  }
  return decodeWithEngine(this, buf);
};

/**
 * Whether most of a few bytes spread over `buf` are ASCII: text that V8's UTF-8
 * decoder (Node 20/22's utf8Slice) reads fast, unlike mostly non-ASCII text.
 */
function looksMostlyAscii(buf) {
  const step = buf.length >>> 3;
  let ascii = 0;
  for (let i = 0; i < 8; i++) if (buf[i * step] < 0x80) ascii++;
  return ascii >= 6;
}

/** write() of a UTF-8 chunk on Node 20/22: Node's utf8Slice where it is fast, else the addon. */
function writeUtf8ViaAddon(decoder, state, buf) {
  if (state[MISSING_BYTES] === 0) {
    if (buf.length <= SMALL_CHUNK) {
      // First and last bytes ASCII: no character is split, so the chunk is Node's
      // own utf8Slice (one call beats the two an exact ASCII test needs).
      if ((buf[0] | buf[buf.length - 1]) < 0x80) return utf8Slice.call(buf);
      // Mostly ASCII with an edge inside a character: JS keeps the edge, utf8Slice
      // decodes the rest faster than a crossing into the addon.
      if (looksMostlyAscii(buf)) return writeUtf8InJs(state, buf);
    } else if (isAscii(buf)) {
      return latin1Slice.call(buf);
    }
  }
  return decodeWithEngine(decoder, buf);
}

/** write() of a UTF-8 chunk, by the fastest exact way on the running Node (above). */
const writeUtf8 = {
  addon: writeUtf8ViaAddon,
  js: (decoder, state, buf) => writeUtf8InJs(state, buf),
  node: (decoder, state, buf) => nodeWrite.call(decoder, buf),
}[UTF8_WRITER];

function decodeWithEngine(decoder, buf) {
  if (!ArrayBuffer.isView(buf)) throw invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  const state = decoder[kNativeDecoder];
  if (!state) throw makeNodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
  try {
    if (state[ENCODING_FIELD] === ENCODING_WHATWG) return decoder[kWhatwgDecoder].write(buf);
    return native.decoderWrite(state, buf);
  } catch (error) {
    throw stringErrorFromNative(error);
  }
}

StringDecoder.prototype.end = function end(buf) {
  let text = '';
  if (buf !== undefined) text = this.write(buf);
  const state = this[kNativeDecoder];
  if (state[ENCODING_FIELD] !== ENCODING_WHATWG) return text + flushDecoderState(state);
  try {
    return text + this[kWhatwgDecoder].end();
  } catch (error) {
    throw stringErrorFromNative(error);
  }
};

// Undocumented legacy API, kept as Node has it: drop any pending character, then
// decode `buf` from `offset`.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][MISSING_BYTES] = 0;
  this[kNativeDecoder][BUFFERED_BYTES] = 0;
  if (this[kNativeDecoder][ENCODING_FIELD] === ENCODING_WHATWG) this[kWhatwgDecoder].end();
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder].subarray(0, CHARACTER_END);
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

module.exports = { StringDecoder, UTF8_WRITER };
