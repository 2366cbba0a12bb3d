'use strict';

/**
 * A fresh exports object carrying every own property of `builtin` with its
 * descriptor (so non-enumerable, non-writable exports such as zlib's legacy `Z_*`
 * constants survive, which an object spread would drop).
 */
function copyBuiltin(builtin) {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(builtin));
}

/**
 * Replaces one export with hotpath's, keeping the built-in's property flags: zlib's
 * `create*` factories, for one, are read-only in Node, and stay so here.
 */
function override(face, name, value) {
  const previous = Object.getOwnPropertyDescriptor(face, name);
  const flags = previous && 'value' in previous ? previous : { writable: true, configurable: true, enumerable: previous ? previous.enumerable : true };
  Object.defineProperty(face, name, {
    value,
    writable: flags.writable,
    configurable: flags.configurable,
    enumerable: flags.enumerable,
  });
}

module.exports = { copyBuiltin, override };
