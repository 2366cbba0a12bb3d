'use strict';

// The readline rules that changed between the supported Node versions, read off the
// running Node's own readline and events modules (never its version number), so that
// hotpath follows whichever Node runs it:
// - Node 24 made U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH SEPARATOR) end a line;
// - Node 24's line iterator (events.on) forgets its watermark pause when 'close' ends
//   it, so draining the queued lines no longer calls resume(), which now throws on a
//   closed interface (ERR_USE_AFTER_CLOSE);
// - the iterator carries `Symbol.for('nodejs.watermarkData')` where events.on does.

const readline = require('node:readline');
const EventEmitter = require('node:events');
const { PassThrough } = require('node:stream');
const { nativeEnum } = require('../native.js');

const kWatermarkData = Symbol.for('nodejs.watermarkData');

function separatorsEndLines() {
  const probe = readline.createInterface({ input: new PassThrough(), terminal: false });
  let lines = 0;
  probe.on('line', () => lines++);
  probe.write('a\u2028b\n');
  probe.close();
  return lines === 2;
}

function probeLineIterator() {
  const emitter = new EventEmitter();
  let resumed = false;
  emitter.pause = () => {};
  emitter.resume = () => {
    resumed = true;
  };
  const iterator = EventEmitter.on(emitter, 'line', { close: ['close'], highWaterMark: 1 });
  emitter.emit('line', 1);
  emitter.emit('line', 2); // above the high-water mark: paused
  emitter.emit('close');
  iterator.next();
  iterator.next(); // the queue drains after 'close'
  return { closeEndsPause: !resumed, watermarkData: kWatermarkData in iterator };
}

const SEPARATORS_END_LINES = separatorsEndLines();
const iteratorRules = probeLineIterator();

// The rule ids the addon's decodeLines takes (its LineBreakRule).
const LineBreakRule = nativeEnum('LineBreakRule');
const BREAK_RULES = {
  lineFeed: LineBreakRule.LineFeed,
  readline: LineBreakRule.Readline,
  readlineWithSeparators: LineBreakRule.ReadlineWithSeparators,
};

module.exports = {
  SEPARATORS_END_LINES,
  READLINE_BREAK_RULE: SEPARATORS_END_LINES ? BREAK_RULES.readlineWithSeparators : BREAK_RULES.readline,
  // The same rule for text that is already a string.
  READLINE_BREAK: SEPARATORS_END_LINES ? /\r\n|\n|\r|\u2028|\u2029/g : /\r\n|\n|\r/g,
  BREAK_RULES,
  ITERATOR_CLOSE_ENDS_PAUSE: iteratorRules.closeEndsPause,
  ITERATOR_HAS_WATERMARK_DATA: iteratorRules.watermarkData,
  kWatermarkData,
};
