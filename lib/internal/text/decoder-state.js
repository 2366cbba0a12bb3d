'use strict';

// A StringDecoder's state: the 7-byte Buffer Node keeps on the decoder object, which
// the addon's state machine reads and updates (Rust's node_decoder.rs names its
// layout; it is read from the addon, not written again here). hotpath's StringDecoder
// and readline's line decoder both keep one.

const { constants: bufferConstants } = require('node:buffer');
const { native, nativeEnum } = require('../native.js');
const { makeNativeStyleError } = require('../errors.js');

const STATE_SIZE = native ? native.DECODER_STATE_LENGTH : 0;
const {
  MissingBytes: MISSING_BYTES,
  BufferedBytes: BUFFERED_BYTES,
  Encoding: ENCODING_FIELD,
} = nativeEnum('DecoderStateSlot');
// The incomplete character fills the bytes before the first slot.
const CHARACTER_END = MISSING_BYTES;
// The encoding slot of a decoder of a WHATWG encoding Node lacks (its text comes from a
// streaming WHATWG decoder beside the state; the addon's state machine refuses it).
const ENCODING_WHATWG = native ? native.DECODER_STATE_WHATWG_ENCODING : undefined;

// Node throws this one from C++: a plain Error with a code.
function stringTooLong() {
  const max = bufferConstants.MAX_STRING_LENGTH.toString(16);
  return makeNativeStyleError(Error, 'ERR_STRING_TOO_LONG', `Cannot create a string longer than 0x${max} characters`);
}

/** An error from the addon as Node would throw it (its too-long marker → ERR_STRING_TOO_LONG). */
function stringErrorFromNative(error) {
  return error && error.message === 'ERR_STRING_TOO_LONG' ? stringTooLong() : error;
}

/** A fresh decoder state for an encoding id (a NodeEncoding, or ENCODING_WHATWG). */
function newDecoderState(encodingId) {
  const state = Buffer.alloc(STATE_SIZE);
  state[ENCODING_FIELD] = encodingId;
  return state;
}

/** The text of the bytes still held in `state` (end()'s flush), or ''. */
function flushDecoderState(state) {
  if (state[BUFFERED_BYTES] === 0) return '';
  try {
    return native.decoderFlush(state);
  } catch (error) {
    throw stringErrorFromNative(error);
  }
}

module.exports = {
  MISSING_BYTES,
  BUFFERED_BYTES,
  ENCODING_FIELD,
  CHARACTER_END,
  ENCODING_WHATWG,
  newDecoderState,
  flushDecoderState,
  stringErrorFromNative,
};
