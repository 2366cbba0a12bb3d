'use strict';

// split([matcher][, mapper][, options]): a Transform from bytes to lines compatible with
// split2, arguments, mapper, maxLength/skipOverflow and all. With the default matcher
// (`/\r?\n/`) each chunk is decoded and scanned in one native call and lines are sliced
// from the result; any other matcher splits strings as split2 does.

const { Transform } = require('node:stream');
const { StringDecoder } = require('node:string_decoder');
const { native } = require('../native.js');
const { LineDecoder } = require('./line-decoder.js');
const { BREAK_RULES } = require('./version-rules.js');

const DEFAULT_MATCHER = /\r?\n/;

function identity(line) {
  return line;
}

function pushMapped(stream, line) {
  const value = stream.mapper(line);
  if (value !== undefined) stream.push(value);
}

class SplitStream extends Transform {
  constructor(matcher, mapper, options) {
    super({ ...options, autoDestroy: true, readableObjectMode: true });
    this.matcher = matcher;
    this.mapper = mapper;
    this.maxLength = options.maxLength;
    this.skipOverflow = options.skipOverflow || false;
    this.overflow = false;
    this.last = '';
    this.fast = matcher === DEFAULT_MATCHER && native !== null;
    this.decoder = this.fast ? new LineDecoder(BREAK_RULES.lineFeed) : new StringDecoder('utf8');
  }

  _transform(chunk, _encoding, callback) {
    try {
      if (this.fast) this.splitFast(chunk);
      else this.splitStrings(chunk);
    } catch (error) {
      callback(error);
      return;
    }
    this.overflow = this.last.length > this.maxLength;
    if (this.overflow && !this.skipOverflow) {
      callback(new Error('maximum buffer reached'));
      return;
    }
    callback();
  }

  splitStrings(chunk) {
    let pieces;
    if (this.overflow) {
      pieces = this.decoder.write(chunk).split(this.matcher);
      if (pieces.length === 1) return; // still inside the over-long line: drop it
      pieces.shift();
      this.overflow = false;
    } else {
      this.last += this.decoder.write(chunk);
      pieces = this.last.split(this.matcher);
    }
    this.last = pieces.pop();
    for (let i = 0; i < pieces.length; i++) pushMapped(this, pieces[i]);
  }

  splitFast(chunk) {
    const [text, breaks] = this.decoder.decode(chunk);
    try {
      this.pushLines(text, breaks);
    } finally {
      this.decoder.release(breaks);
    }
  }

  pushLines(text, breaks) {
    const count = breaks[0];
    let next = 0;
    let lineStart = 0;
    if (this.overflow) {
      if (count === 0) return;
      lineStart = breaks[2];
      next = 1;
      this.overflow = false;
    } else if (count > 0) {
      // The first line continues what was left over; a `\r` that ended it and the
      // `\n` that opens this chunk make one break, as in split2's joined string.
      let first = this.last + text.slice(0, breaks[1]);
      if (breaks[1] === 0 && breaks[2] === 1 && first.endsWith('\r')) first = first.slice(0, -1);
      this.last = '';
      lineStart = breaks[2];
      next = 1;
      pushMapped(this, first);
    } else {
      this.last += text;
      return;
    }
    for (; next < count; next++) {
      pushMapped(this, text.slice(lineStart, breaks[1 + 2 * next]));
      lineStart = breaks[2 + 2 * next];
    }
    this.last = text.slice(lineStart);
  }

  _flush(callback) {
    try {
      this.last += this.fast ? this.decoder.flush() : this.decoder.end();
      if (this.last) pushMapped(this, this.last);
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }
}

/** split2's argument forms: (matcher), (mapper), (options), (matcher|mapper, options) … */
function split(matcher, mapper, options) {
  let resolvedMatcher = matcher || DEFAULT_MATCHER;
  let resolvedMapper = mapper || identity;
  let resolvedOptions = options || {};
  if (arguments.length === 1) {
    if (typeof matcher === 'function') {
      resolvedMapper = matcher;
      resolvedMatcher = DEFAULT_MATCHER;
    } else if (typeof matcher === 'object' && !(matcher instanceof RegExp) && !matcher[Symbol.split]) {
      resolvedOptions = matcher;
      resolvedMatcher = DEFAULT_MATCHER;
    }
  } else if (arguments.length === 2) {
    if (typeof matcher === 'function') {
      resolvedOptions = mapper;
      resolvedMapper = matcher;
      resolvedMatcher = DEFAULT_MATCHER;
    } else if (typeof mapper === 'object') {
      resolvedOptions = mapper;
      resolvedMapper = identity;
    }
  }
  return new SplitStream(resolvedMatcher, resolvedMapper, resolvedOptions || {});
}

module.exports = { split };
