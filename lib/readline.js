'use strict';

// hotpath/readline: Node's readline module. Nothing is accelerated here yet, so every export is
// the built-in's own, copied with its property descriptor.

const { copyBuiltin } = require('./internal/face.js');

module.exports = copyBuiltin(require('node:readline'));
