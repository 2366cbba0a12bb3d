'use strict';

// Turns chunks into text plus the positions of its line breaks. Buffers cross into the
// addon once per chunk (UTF-8 decoding with StringDecoder's state, and the break scan);
// the caller slices lines out of the one string that comes back. Strings are scanned
// in JS. `rule` is one of version-rules.js' BREAK_RULES: `\r?\n` (split2) or the running
// Node's readline rule.

const { native } = require('../native.js');
const { NODE_ENCODING_IDS } = require('../text/encodings.js');
const { newDecoderState, flushDecoderState } = require('../text/decoder-state.js');
const { BREAK_RULES, READLINE_BREAK } = require('./version-rules.js');

const LINE_FEED_BREAK = /\r?\n/g;

class LineDecoder {
  constructor(rule) {
    this.rule = rule;
    this.pattern = rule === BREAK_RULES.lineFeed ? LINE_FEED_BREAK : READLINE_BREAK;
    this.state = newDecoderState(NODE_ENCODING_IDS.utf8);
    // A break array is lent to the caller by decode() and handed back by release();
    // a decode() made while one is lent (a 'line' handler writing more input) gets
    // its own, so offsets in use are never overwritten.
    this.spare = null;
  }

  /** Decodes `chunk`; returns [text, breaks] where breaks[0] pairs of offsets follow. */
  decode(chunk) {
    const isString = typeof chunk === 'string';
    const needed = 2 * (isString ? chunk.length : chunk.byteLength) + 9;
    let breaks = this.spare;
    this.spare = null;
    if (breaks === null || breaks.length < needed) breaks = new Uint32Array(Math.max(needed, 1024));
    if (isString) {
      scanString(chunk, this.pattern, breaks);
      return [chunk, breaks];
    }
    return [native.decodeLines(this.state, chunk, breaks, this.rule), breaks];
  }

  release(breaks) {
    if (this.spare === null || this.spare.length < breaks.length) this.spare = breaks;
  }

  /** The text of an incomplete UTF-8 sequence left at the end (U+FFFD), or ''. */
  flush() {
    return flushDecoderState(this.state);
  }
}

/** Writes the breaks of `text` into `breaks` (which must hold 2 * text.length + 1). */
function scanString(text, pattern, breaks) {
  pattern.lastIndex = 0;
  let count = 0;
  let match;
  while ((match = pattern.exec(text)) !== null) {
    breaks[1 + 2 * count] = match.index;
    breaks[2 + 2 * count] = pattern.lastIndex;
    count++;
  }
  breaks[0] = count;
}

module.exports = { LineDecoder, scanString };
