'use strict';

// StringDecoder#write for UTF-8 in JS, for the Nodes whose own utf8Slice decodes valid
// UTF-8 with simdutf (24+): there the text of a chunk is cheapest as Node's utf8Slice
// of its whole characters, and only the bytes at the edges need the decoder's state.
// The state machine is node_decoder.rs's (Node's own, over the same 7-byte state
// buffer); utf8Slice is the very decoding Node's StringDecoder applies to those bytes,
// invalid sequences included, so the result is Node's.

const { utf8Slice } = Buffer.prototype;

const CHAR_LEN = 4;

function isContinuation(byte) {
  return (byte & 0xc0) === 0x80;
}

/** The length a lead byte announces, or 0 for a byte that cannot lead. */
function sequenceLength(lead) {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 0;
}

/**
 * Makes write(state, buf) over a state buffer whose counts sit at `missingSlot` and
 * `bufferedSlot` (the incomplete character's bytes before them).
 */
function makeUtf8Write(missingSlot, bufferedSlot) {
  /**
   * Holds back the character that ends buf[start..end) if it is incomplete; returns
   * how many bytes were held (0 when it is complete, or invalid: the decoder then
   * replaces it).
   */
  function holdTail(state, buf, start, end) {
    let buffered = 0;
    for (let i = end - 1; i >= start; i--) {
      buffered++;
      const byte = buf[i];
      if (isContinuation(byte)) {
        if (buffered >= 4) break;
        continue;
      }
      const length = sequenceLength(byte);
      if (length > buffered) {
        state[bufferedSlot] = buffered;
        state[missingSlot] = length - buffered;
        for (let k = 0; k < buffered; k++) state[k] = buf[end - buffered + k];
        return buffered;
      }
      break;
    }
    state[bufferedSlot] = 0;
    state[missingSlot] = 0;
    return 0;
  }

  return function writeUtf8(state, buf) {
    const length = buf.length;
    let start = 0;
    let completed = '';
    if (state[missingSlot] > 0) {
      // Counts JS may have poked stay within the 4-byte character buffer.
      if (state[bufferedSlot] > CHAR_LEN) state[bufferedSlot] = CHAR_LEN;
      if (state[missingSlot] > CHAR_LEN - state[bufferedSlot]) state[missingSlot] = CHAR_LEN - state[bufferedSlot];
      // A byte that should continue the pending character but does not ends it
      // there: it is decoded as it is (replaced), and the byte starts anew.
      const missing = state[missingSlot];
      for (let i = 0; i < missing && i < length; i++) {
        if (!isContinuation(buf[i])) {
          state[missingSlot] = 0;
          for (let k = 0; k < i; k++) state[state[bufferedSlot] + k] = buf[k];
          state[bufferedSlot] += i;
          start = i;
          break;
        }
      }
      const found = Math.min(length - start, state[missingSlot]);
      for (let k = 0; k < found; k++) state[state[bufferedSlot] + k] = buf[start + k];
      start += found;
      state[missingSlot] -= found;
      state[bufferedSlot] += found;
      if (state[missingSlot] === 0) {
        completed = utf8Slice.call(state, 0, state[bufferedSlot]);
        state[bufferedSlot] = 0;
      }
    }
    if (start === length) return completed;
    const held = buf[length - 1] & 0x80 ? holdTail(state, buf, start, length) : 0;
    const body = utf8Slice.call(buf, start, length - held);
    return completed === '' ? body : completed + body;
  };
}

module.exports = { makeUtf8Write };
