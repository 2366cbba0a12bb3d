'use strict';

// The root entry: every hotpath face, loaded on first use so that
// `require('hotpath').zlib` does not load the other modules.

const faces = {
  zlib: './lib/zlib.js',
  crypto: './lib/crypto.js',
  string_decoder: './lib/string_decoder.js',
  readline: './lib/readline.js',
  buffer: './lib/buffer.js',
  workers: './lib/workers.js',
};

for (const [name, path] of Object.entries(faces)) {
  Object.defineProperty(module.exports, name, {
    enumerable: true,
    configurable: true,
    get() {
      const face = require(path);
      Object.defineProperty(module.exports, name, { value: face, enumerable: true, writable: true, configurable: true });
      return face;
    },
  });
}

/** What hotpath does on this Node: the addon, its pool, per module what is native (see `hotpath doctor`). */
module.exports.status = function status() {
  return require('./lib/cli/status.js').status();
};
