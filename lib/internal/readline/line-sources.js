'use strict';

// hotpath extras for reading lines: lines(), jsonLines() and countLines().
// Lines end where the running Node's readline ends them (`\n`, `\r\n`, a lone `\r`;
// from Node 24 also U+2028 and U+2029), except that a `\r\n` split across chunks is
// always one break, whatever the timing. Lines are delivered from per-chunk batches
// by hand-written async iterators: one crossing into the addon per chunk, no generator
// machinery per line.

const fs = require('node:fs');
const { fileURLToPath } = require('node:url');
const { native, requireNative } = require('../native.js');
const { invalidArgType, outOfRange } = require('../errors.js');
const { LineDecoder, scanString } = require('./line-decoder.js');
const { READLINE_BREAK, READLINE_BREAK_RULE, SEPARATORS_END_LINES } = require('./version-rules.js');
const { StringDecoder } = require('../text/string-decoder.js');
const { resolveEncoding } = require('../text/encodings.js');
const { fsErrorFromNative } = require('../system-error.js');
const { fsPathOf } = require('../fs-path.js');
const { validateAbortSignal, listenForAbort } = require('../abort.js');
const { longWorkOptionsOf, runLongWork, JsWorkControl } = require('../long-work.js');

const FILE_CHUNK = 1 << 16; // 64 KiB: measured faster and ~40% less peak RSS than 256 KiB or 1 MiB
const BLANK = /^\s*$/;

function toPath(source) {
  if (source instanceof URL) return fileURLToPath(source);
  return source;
}

function chunkSource(source) {
  if (typeof source === 'string' || source instanceof URL) {
    return fs.createReadStream(toPath(source), { highWaterMark: FILE_CHUNK })[Symbol.asyncIterator]();
  }
  if (source != null && typeof source[Symbol.asyncIterator] === 'function') return source[Symbol.asyncIterator]();
  if (source != null && typeof source[Symbol.iterator] === 'function' && typeof source !== 'string') {
    return source[Symbol.iterator]();
  }
  throw invalidArgType('source', ['string', 'URL', 'AsyncIterable', 'Iterable'], source);
}

function lineTooLong(limit) {
  const error = new RangeError(`A line is longer than maxLineLength (${limit})`);
  error.code = 'HOTPATH_LINE_TOO_LONG';
  return error;
}

function readOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw invalidArgType('options', 'object', options);
  const { encoding = 'utf8', batch = false, maxLineLength = Infinity, skipOverflow = false, signal } = options;
  if (typeof maxLineLength !== 'number' || Number.isNaN(maxLineLength)) {
    throw invalidArgType('options.maxLineLength', 'number', maxLineLength);
  }
  if (maxLineLength < 1) throw outOfRange('options.maxLineLength', '>= 1', maxLineLength);
  const resolved = resolveEncoding(encoding);
  validateAbortSignal(signal, 'options.signal');
  return {
    utf8: resolved.name === 'utf8', encoding, batch: Boolean(batch), maxLineLength, skipOverflow: Boolean(skipOverflow), signal,
  };
}

/** Splits decoded chunks into batches of complete lines, carrying the partial line. */
class LineBatcher {
  constructor({ utf8, encoding, maxLineLength, skipOverflow }) {
    this.lineDecoder = utf8 ? new LineDecoder(READLINE_BREAK_RULE) : null;
    this.textDecoder = utf8 ? null : new StringDecoder(encoding);
    this.maxLineLength = maxLineLength;
    this.skipOverflow = skipOverflow;
    this.partial = '';
    this.afterCR = false;
    this.skipping = false; // inside an over-long line that is being skipped
  }

  push(chunk) {
    if (this.lineDecoder !== null) {
      const [text, breaks] = this.lineDecoder.decode(chunk);
      try {
        return this.collect(text, breaks);
      } finally {
        this.lineDecoder.release(breaks);
      }
    }
    const text = this.textDecoder.write(chunk);
    return this.collect(text, scan(text));
  }

  end() {
    const rest = this.lineDecoder !== null ? this.lineDecoder.flush() : this.textDecoder.end();
    const out = rest ? this.collect(rest, scan(rest)) : [];
    const last = this.partial;
    this.partial = '';
    if (last.length > 0 && !this.skipping) out.push(last);
    return out;
  }

  /** Whether an over-long line is dropped (skipOverflow) rather than an error. */
  dropsOverlong() {
    if (!this.skipOverflow) throw lineTooLong(this.maxLineLength);
    return true;
  }

  collect(text, breaks) {
    const count = breaks[0];
    let next = 0;
    let lineStart = 0;
    if (this.afterCR && text.length > 0) {
      if (text.charCodeAt(0) === 10) {
        lineStart = 1;
        if (count > 0 && breaks[1] === 0) next = 1;
      }
    }
    if (text.length > 0) this.afterCR = text.charCodeAt(text.length - 1) === 13;
    if (next === count) {
      this.extendPartial(lineStart === 0 ? text : text.slice(lineStart));
      return [];
    }
    const first = this.partial + text.slice(lineStart, breaks[1 + 2 * next]);
    this.partial = '';
    const keepFirst = !this.skipping;
    this.skipping = false;
    lineStart = breaks[2 + 2 * next];
    next++;
    // An array made at its final size (measured ~25% of lines({ batch: true })' time
    // against growing one), cut short if over-long lines were skipped.
    const lines = new Array(count - next + (keepFirst ? 1 : 0));
    const max = this.maxLineLength;
    let at = 0;
    if (keepFirst && (first.length <= max || !this.dropsOverlong())) lines[at++] = first;
    for (; next < count; next++) {
      const line = text.slice(lineStart, breaks[1 + 2 * next]);
      if (line.length <= max || !this.dropsOverlong()) lines[at++] = line;
      lineStart = breaks[2 + 2 * next];
    }
    if (at < lines.length) lines.length = at;
    this.extendPartial(text.slice(lineStart));
    return lines;
  }

  extendPartial(text) {
    if (this.skipping || text.length === 0) return;
    this.partial += text;
    if (this.partial.length > this.maxLineLength) {
      if (!this.skipOverflow) throw lineTooLong(this.maxLineLength);
      this.partial = '';
      this.skipping = true;
    }
  }
}

function scan(text) {
  const breaks = new Uint32Array(2 * text.length + 1);
  scanString(text, READLINE_BREAK, breaks);
  return breaks;
}

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
const DONE = Object.freeze({ value: undefined, done: true });

// What a mapLine callback returns for a line that yields nothing (a blank NDJSON line).
const SKIP = Symbol('skip');

const ABORTED = Symbol('aborted');
const ignore = () => {};

/**
 * An async iterator over lines (or, with `batch`, arrays of lines) of a chunk source.
 * When `options.signal` fires the iteration ends, as a readline Interface's does when
 * its signal closes it: the next() waiting for a chunk, and every later one, resolves
 * done, and the source is closed (a file's stream destroyed).
 * `mapLine(line, lineNumber)` (optional, not with `batch`) turns each line into the
 * value yielded, or SKIP. It runs when the line's turn comes, as split2's mapper does:
 * a throw rejects that next() after every earlier line was yielded, and ends the
 * iterator; and only one mapped value at a time is held, not a chunk's worth.
 */
function createLineReader(source, options, mapLine) {
  const chunks = chunkSource(source);
  const batcher = new LineBatcher(options);
  let batch = [];
  let index = 0;
  let delivered = 0; // lines handed out before this batch
  let firstLineNumber = 0; // of batch[0], counted from 1
  let ended = false;
  let aborted = options.signal !== undefined && options.signal.aborted;
  let onAbort = ignore;
  const abortSeen = new Promise((resolve) => {
    onAbort = () => {
      aborted = true;
      resolve(ABORTED);
    };
  });
  const stopListening = aborted ? ignore : listenForAbort(options.signal, onAbort);

  async function closeSource() {
    finish();
    if (typeof chunks.return === 'function') await chunks.return();
    return DONE;
  }

  /** The source's next chunk, or ABORTED as soon as the signal fires. */
  function nextChunk() {
    if (options.signal === undefined) return chunks.next();
    const pending = Promise.resolve(chunks.next());
    pending.catch(ignore);
    return Promise.race([pending, abortSeen]);
  }

  async function fill() {
    for (;;) {
      if (ended) return DONE;
      if (aborted) return closeSource();
      const step = await nextChunk();
      if (step === ABORTED) return closeSource();
      const { value, done } = step;
      let lines;
      if (done) {
        ended = true;
        lines = batcher.end();
      } else {
        lines = batcher.push(value);
      }
      firstLineNumber = delivered + 1;
      delivered += lines.length;
      if (lines.length === 0) continue;
      if (options.batch) return { value: lines, done: false };
      batch = lines;
      index = 0;
      const result = take();
      if (result !== null) return result;
    }
  }

  /** The batch's next line (mapped, if mapLine) as an iterator result, or null if none is left. */
  function take() {
    while (index < batch.length) {
      const at = index++;
      if (mapLine === null) return { value: batch[at], done: false };
      const value = mapLine(batch[at], firstLineNumber + at);
      if (value !== SKIP) return { value, done: false };
    }
    return null;
  }

  function finish() {
    ended = true;
    batch = [];
    index = 0;
    stopListening();
  }

  const reader = {
    next() {
      if (aborted && !ended) return closeSource();
      if (index < batch.length) {
        if (mapLine === null) return Promise.resolve({ value: batch[index++], done: false });
        let result;
        try {
          result = take();
        } catch (error) {
          finish();
          return Promise.reject(error);
        }
        if (result !== null) return Promise.resolve(result);
      }
      return fill().catch((error) => {
        finish();
        throw error;
      });
    },
    return() {
      return closeSource();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return Object.setPrototypeOf(reader, AsyncIteratorPrototype);
}

/** lines(source[, { encoding, batch, maxLineLength, skipOverflow, signal }]) */
function lines(source, options) {
  requireNative('lines');
  return createLineReader(source, readOptions(options), null);
}

function invalidJsonLine(cause, lineNumber) {
  const error = new SyntaxError(`${cause.message} (line ${lineNumber})`, { cause });
  error.code = 'HOTPATH_INVALID_JSON_LINE';
  error.lineNumber = lineNumber;
  return error;
}

/** jsonLines(source[, { skipInvalid, ...lines options }]): parsed NDJSON; blank lines skipped. */
function jsonLines(source, options) {
  requireNative('jsonLines');
  const settings = readOptions(options);
  const skipInvalid = Boolean(options && options.skipInvalid);
  return createLineReader(source, { ...settings, batch: false }, (line, lineNumber) => {
    // Blank (whitespace-only, as trim() sees it) lines are skipped; only a line that
    // starts with a space, a control or a non-ASCII character can be one.
    const head = line.charCodeAt(0);
    if (line.length === 0 || ((head <= 32 || head >= 0xa0) && BLANK.test(line))) return SKIP;
    try {
      return JSON.parse(line);
    } catch (error) {
      if (skipInvalid) return SKIP;
      throw invalidJsonLine(error, lineNumber);
    }
  });
}

/** The lines of a file only fs can name (a path of bytes that are not UTF-8), in JS. */
async function countLinesInJs(path, signal) {
  let count = 0;
  const batches = createLineReader(fs.createReadStream(path, { highWaterMark: FILE_CHUNK }), readOptions({ batch: true, signal }));
  for await (const batch of batches) count += batch.length;
  return signal !== undefined && signal.aborted ? null : count;
}

/**
 * countLines(path[, { signal, onProgress }]): lines as readline would emit them,
 * counted natively off the JS thread; progress counts bytes read, of the file's size.
 */
async function countLines(path, options = undefined) {
  const nativeBinding = requireNative('countLines');
  const file = fsPathOf(path, 'path');
  const longWork = longWorkOptionsOf(options);
  // (That path reads through fs and counts in JS: a signal stops it, no progress.)
  if (file.text === undefined) {
    return runLongWork({ signal: longWork.signal }, () => countLinesInJs(file.path, longWork.signal), new JsWorkControl());
  }
  try {
    return await runLongWork(longWork, (control) => nativeBinding.countLines(file.text, SEPARATORS_END_LINES, control));
  } catch (error) {
    throw await fsErrorFromNative(error, file.text);
  }
}

module.exports = { lines, jsonLines, countLines };
