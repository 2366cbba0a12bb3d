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
  const kept = previous !== undefined && 'value' in previous; // an accessor's flags do not carry over
  Object.defineProperty(face, name, {
    value,
    writable: kept ? previous.writable : true,
    configurable: kept ? previous.configurable : true,
    enumerable: previous ? previous.enumerable : true,
  });
}

module.exports = { copyBuiltin, override };
