'use strict';

// hotpath/readline: Node's readline with native line splitting for non-terminal input
// (files, pipes, sockets) and a faster async iterator; terminal use is Node's own code.
// Extras: lines(), split() (split2-compatible), jsonLines(), countLines().

const builtin = require('node:readline');
const { native } = require('./internal/native.js');
const { copyBuiltin, override } = require('./internal/face.js');
const internals = require('./internal/readline/internals.js');
const extras = require('./internal/readline/line-sources.js');
const { split } = require('./internal/readline/split-stream.js');

const face = copyBuiltin(builtin);
module.exports = face;

if (native && internals.found) {
  const accelerated = require('./internal/readline/interface.js');
  override(face, 'Interface', accelerated.Interface);
  override(face, 'createInterface', accelerated.createInterface);
  const promises = copyBuiltin(builtin.promises);
  override(promises, 'Interface', accelerated.PromisesInterface);
  override(promises, 'createInterface', accelerated.createPromisesInterface);
  override(face, 'promises', promises);
}

face.lines = extras.lines;
face.split = split;
face.jsonLines = extras.jsonLines;
face.countLines = extras.countLines;
