'use strict';

// A stream.Transform that builds its stream state only when something uses it as a
// stream (as Node's Hash and Hmac do), so hash.update().digest() pays nothing for it.
// Node 20 and 22 give such a stream the default encoding 'buffer'; Node 24 dropped that
// (its Writable rejects 'buffer' as an encoding): the running Node's own Hash says which.

const { Transform } = require('node:stream');
const { createHash } = require('node:crypto');

const BUILTIN_DEFAULT_ENCODING = createHash('sha256')._writableState.defaultEncoding;

function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function initializeOnFirstUse(name) {
  return function get() {
    Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    if (BUILTIN_DEFAULT_ENCODING === 'buffer' && (!this._options || !this._options.defaultEncoding)) {
      this._writableState.defaultEncoding = 'buffer';
    }
    return this[name];
  };
}

function replaceOnSet(name) {
  return function set(value) {
    Object.defineProperty(this, name, { value, enumerable: true, configurable: true, writable: true });
  };
}

for (const name of ['_readableState', '_writableState']) {
  Object.defineProperty(LazyTransform.prototype, name, {
    get: initializeOnFirstUse(name),
    set: replaceOnSet(name),
    configurable: true,
    enumerable: true,
  });
}

module.exports = { LazyTransform };
