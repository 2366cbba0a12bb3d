'use strict';

// Node's Hmac over the buffered input Hash uses (buffered-input.js), digested natively
// (Node has no one-shot HMAC), and hotpath's one-shot hmac() extra. Names hotpath does
// not know and KeyObject keys go to Node's Hmac from the start.

const builtin = require('node:crypto');
const { native } = require('../native.js');
const { LazyTransform } = require('./lazy-transform.js');
const { invalidArgType } = require('../errors.js');
const { validateString } = require('../validators.js');
const { nativeAlgorithm, digestEncodingId, oneShotEncodingId, BUFFER } = require('./algorithms.js');
const { secretBytes } = require('./secret-bytes.js');
const {
  kName, kAlgorithm, kDelegate, kBuffer, kLength, kFinalized, kCached, kKey, kBufferLimit, kNodeFactory,
  NODE_ALGORITHM, HAND_OVER_AT, initHash, update, _transform, nativeDigest,
} = require('./buffered-input.js');

function keyEncoding(options) {
  return options !== null && typeof options === 'object' ? options.encoding : undefined;
}

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const id = native !== null ? nativeAlgorithm(hmac) : undefined;
  const keyBytes = id === undefined ? undefined : secretBytes(key, keyEncoding(options));
  if (keyBytes === undefined) initHash(this, hmac, NODE_ALGORITHM, builtin.createHmac(hmac, key, options), options);
  else initHash(this, hmac, id, null, options);
  // The Hmac outlives this call, so it keeps its own copy of the key.
  this[kKey] = keyBytes === undefined ? undefined : Buffer.from(new Uint8Array(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength));
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

function nodeHmacFor(hmac) {
  return builtin.createHmac(hmac[kName], hmac[kKey]);
}
Object.defineProperty(Hmac.prototype, kNodeFactory, { value: nodeHmacFor });
Object.defineProperty(Hmac.prototype, kBufferLimit, { value: (algorithm) => HAND_OVER_AT[algorithm] });

Hmac.prototype.update = update;

Hmac.prototype.digest = function digest(outputEncoding) {
  if (this[kFinalized]) {
    // Node's answer to a second digest(): empty, in the asked-for form.
    const empty = Buffer.from('');
    return outputEncoding && outputEncoding !== 'buffer' ? empty.toString(outputEncoding) : empty;
  }
  let result;
  if (this[kCached] !== null) result = digestEncodingId(outputEncoding) === BUFFER ? Buffer.alloc(0) : '';
  else if (this[kDelegate] !== null) result = this[kDelegate].digest(outputEncoding);
  else result = nativeDigest(this[kAlgorithm], this[kBuffer], this[kLength], digestEncodingId(outputEncoding), this[kKey]);
  this[kFinalized] = true;
  return result;
};

Hmac.prototype._transform = _transform;

Hmac.prototype._flush = function _flush(callback) {
  // After piping, Node's Hmac.digest() gives an empty result (its context is spent).
  const delegate = this[kDelegate];
  const bytes =
    delegate !== null ? delegate.digest() : nativeDigest(this[kAlgorithm], this[kBuffer], this[kLength], BUFFER, this[kKey]);
  this[kCached] = bytes;
  this.push(bytes);
  callback();
};

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

/** hmac(algorithm, key, data[, outputEncoding = 'hex']): one HMAC in one call. */
function hmac(algorithm, key, data, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw invalidArgType('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
  }
  const encodingId = oneShotEncodingId(outputEncoding);
  const id = native !== null ? nativeAlgorithm(algorithm) : undefined;
  const keyBytes = id === undefined ? undefined : secretBytes(key, undefined);
  if (keyBytes === undefined) {
    return builtin.createHmac(algorithm, key).update(data).digest(encodingId === BUFFER ? 'buffer' : outputEncoding);
  }
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return nativeDigest(id, bytes, bytes.byteLength, encodingId, keyBytes);
}

module.exports = { Hmac, createHmac, hmac };
