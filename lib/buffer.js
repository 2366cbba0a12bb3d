'use strict';

// hotpath/buffer: Node's buffer module (every export the built-in's own, descriptors
// kept); Buffer search with Node's exact results as functions (indexOf, lastIndexOf,
// includes) and, opt-in, on Buffer.prototype (install/uninstall); and searches Node
// lacks: count, indexOfAll, split, indexOfAny and a streaming Searcher.

const { copyBuiltin } = require('./internal/face.js');
const { count, indexOfAll, split, indexOfAny } = require('./internal/buffer/extras.js');
const { Searcher } = require('./internal/buffer/searcher.js');
const { indexOf, lastIndexOf, includes, install, uninstall } = require('./internal/buffer/index-of.js');

const face = copyBuiltin(require('node:buffer'));
module.exports = face;

face.count = count;
face.indexOfAll = indexOfAll;
face.split = split;
face.indexOfAny = indexOfAny;
face.Searcher = Searcher;
face.indexOf = indexOf;
face.lastIndexOf = lastIndexOf;
face.includes = includes;
face.install = install;
face.uninstall = uninstall;
