'use strict';

// A stream.Transform that builds its stream state only when something uses it as a
// stream (as Node's Hash and Hmac do), so hash.update().digest() pays nothing for it.

const { Transform } = require('node:stream');

function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function initializeOnFirstUse(name) {
  return function get() {
    Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    if (!this._options || !this._options.defaultEncoding) this._writableState.defaultEncoding = 'buffer';
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
