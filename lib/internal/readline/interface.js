'use strict';

// hotpath's readline Interface: Node's own Interface (events, pause/resume, close,
// question, history, signal, terminal mode — all Node's code), with two parts replaced
// for non-terminal input: the write path, which decodes each chunk and finds its line
// breaks in one native call and slices the lines in JS, and the async iterator.

const readline = require('node:readline');
const { kNormalWrite, kOnLine, kSawReturnAt, kLineBuffer, kQuestionCallback } = require('./internals.js');
const { LineDecoder } = require('./line-decoder.js');
const { READLINE_BREAK_RULE } = require('./version-rules.js');
const { createLineIterator, lineListenerOf } = require('./line-iterator.js');

const kLineDecoder = Symbol('hotpath line decoder');
const kLineIterator = Symbol('hotpath line iterator');

/** Node's `[kNormalWrite]`: the same lines, line buffer and CR/LF timing rules. */
function normalWrite(b) {
  if (b === undefined) return;
  let decoder = this[kLineDecoder];
  if (decoder === undefined) decoder = this[kLineDecoder] = new LineDecoder(READLINE_BREAK_RULE);
  const [text, breaks] = decoder.decode(b);
  try {
    emitLines(this, text, breaks);
  } finally {
    decoder.release(breaks);
  }
}

function emitLines(rl, text, breaks) {
  const count = breaks[0];
  let start = 0;
  let next = 0;
  // A `\r` ended the previous chunk: a `\n` opening this one within crlfDelay belongs
  // to it. Past the delay it is a line break of its own, as in Node.
  if (rl[kSawReturnAt] && Date.now() - rl[kSawReturnAt] <= rl.crlfDelay) {
    if (text.charCodeAt(0) === 10) {
      start = 1;
      if (count > 0 && breaks[1] === 0) next = 1;
    }
    rl[kSawReturnAt] = 0;
  }
  if (next === count) {
    if (start < text.length) {
      const rest = start === 0 ? text : text.slice(start);
      const pending = rl[kLineBuffer];
      rl[kLineBuffer] = pending ? pending + rest : rest;
    }
    return;
  }
  rl[kSawReturnAt] = text.charCodeAt(text.length - 1) === 13 ? Date.now() : 0;
  const pending = rl[kLineBuffer];
  // Like Node, the remainder becomes the line buffer before any line is emitted, so a
  // 'line' handler that writes more input sees it.
  rl[kLineBuffer] = text.slice(breaks[2 * count]);
  let lineStart = start;
  const first = next;
  let direct = directListener(rl);
  for (; next < count; next++) {
    let line = text.slice(lineStart, breaks[1 + 2 * next]);
    if (next === first && pending) line = pending + line;
    lineStart = breaks[2 + 2 * next];
    if (direct === null) {
      rl[kOnLine](line);
    } else if (direct(line)) {
      // The iterator paused the interface: 'pause' listeners may have changed who
      // listens, so look again.
      direct = directListener(rl);
    }
  }
}

/**
 * The async iterator's listener when it is the only 'line' listener and no question
 * waits for an answer: then emit() would call just it, so it is called directly.
 */
function directListener(rl) {
  const iterator = rl[kLineIterator];
  if (iterator === undefined || rl[kQuestionCallback] || rl.listenerCount('line') !== 1) return null;
  const listener = lineListenerOf(iterator);
  return rl.listeners('line')[0] === listener ? listener : null;
}

function asyncIterator() {
  if (this[kLineIterator] === undefined) this[kLineIterator] = createLineIterator(this);
  return this[kLineIterator];
}

function installLineHandling(prototype) {
  Object.defineProperty(prototype, kNormalWrite, { value: normalWrite, writable: true, configurable: true });
  Object.defineProperty(prototype, '_normalWrite', { value: normalWrite, writable: true, configurable: true });
  Object.defineProperty(prototype, Symbol.asyncIterator, { value: asyncIterator, writable: true, configurable: true });
}

const NodeInterface = readline.Interface;

/** `readline.Interface`, callable without `new` like Node's. */
function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  NodeInterface.call(this, input, output, completer, terminal);
}
Object.setPrototypeOf(Interface.prototype, NodeInterface.prototype);
Object.setPrototypeOf(Interface, NodeInterface);
installLineHandling(Interface.prototype);

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

/** `readline/promises`' Interface with the same replacements. */
class PromisesInterface extends readline.promises.Interface {}
installLineHandling(PromisesInterface.prototype);
Object.defineProperty(PromisesInterface, 'name', { value: 'Interface' });

function createPromisesInterface(input, output, completer, terminal) {
  return new PromisesInterface(input, output, completer, terminal);
}

module.exports = { Interface, createInterface, PromisesInterface, createPromisesInterface };
