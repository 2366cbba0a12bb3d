'use strict';

// hotpath/crypto: Node's crypto module. Nothing is accelerated here yet, so every export is
// the built-in's own, copied with its property descriptor.

const { copyBuiltin } = require('./internal/face.js');

module.exports = copyBuiltin(require('node:crypto'));
