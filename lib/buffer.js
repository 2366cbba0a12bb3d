'use strict';

// hotpath/buffer: Node's buffer module (every export the built-in's own, descriptors
// kept) plus searches Node lacks: count, indexOfAll, split, indexOfAny and a streaming
// Searcher, each one native call whatever the number of matches.

const { copyBuiltin } = require('./internal/face.js');
const { count, indexOfAll, split, indexOfAny } = require('./internal/buffer/extras.js');
const { Searcher } = require('./internal/buffer/searcher.js');

const face = copyBuiltin(require('node:buffer'));
module.exports = face;

face.count = count;
face.indexOfAll = indexOfAll;
face.split = split;
face.indexOfAny = indexOfAny;
face.Searcher = Searcher;
