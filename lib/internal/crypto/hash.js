'use strict';

// Node's Hash, built for small messages (buffered-input.js). A Hash digests its buffer
// for hex with Node's own one-shot `crypto.hash()` (20.12+), which measured faster than
// the addon's call at every size up to 16 KiB on Node 20–26 (the same OpenSSL work
// without the Hash object and its streams; the `createHash chain` rows of
// benches/crypto.bench.mjs); small digests in other forms are the addon's (see
// bufferedDigest). Names hotpath does not know and XOF output lengths go to Node's
// Hash from the start.

const builtin = require('node:crypto');
const { native } = require('../native.js');
const { LazyTransform } = require('./lazy-transform.js');
const { validateString, validateUint32 } = require('../validators.js');
const {
  nativeAlgorithm, digestEncodingId, BUFFER, NAMES, MD5, SHA1, SHA256, SHA384, SHA512, SHA512_256,
} = require('./algorithms.js');
const {
  kName, kAlgorithm, kDelegate, kBuffer, kLength, kFinalized, kCached, kBufferLimit, kNodeFactory,
  EMPTY, NODE_ALGORITHM, HAND_OVER_AT, hashFinalized, initHash, update, _transform, nativeDigest, formatDigest,
} = require('./buffered-input.js');

// Node's one-shot digest (Node 20.12+), and the bytes a Hash buffers for it: up to
// 16 KiB copy + one-shot still beats Node's createHash chain (measured 1.0–1.1× at
// 16 KiB, 0.96× at 64 KiB; the `createHash().update().digest()` rows of
// benches/crypto.bench.mjs cover 16 B–16 KiB).
// Read from node:crypto at each call (tests count the calls by wrapping it there).
const HAS_NODE_ONE_SHOT = typeof builtin.hash === 'function';
const ONE_SHOT_UP_TO = 16 << 10;

/** XOF lengths and (Node 24+) cSHAKE's functionName/customization are Node's to handle. */
function isNodeOnly(options) {
  if (typeof options !== 'object' || options === null) return false;
  return options.outputLength !== undefined || options.functionName !== undefined || options.customization !== undefined;
}

function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  validateString(algorithm, 'algorithm');
  const outputLength = typeof options === 'object' && options !== null ? options.outputLength : undefined;
  if (outputLength !== undefined) validateUint32(outputLength, 'options.outputLength');
  const id = native !== null && !isNodeOnly(options) ? nativeAlgorithm(algorithm) : undefined;
  if (id === undefined) initHash(this, algorithm, NODE_ALGORITHM, builtin.createHash(algorithm, options), options);
  else initHash(this, algorithm, id, null, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

function nodeHashFor(hash) {
  return builtin.createHash(hash[kName]);
}
Object.defineProperty(Hash.prototype, kNodeFactory, { value: nodeHashFor });
Object.defineProperty(Hash.prototype, kBufferLimit, {
  value: HAS_NODE_ONE_SHOT ? () => ONE_SHOT_UP_TO : (algorithm) => HAND_OVER_AT[algorithm],
});

// A Hash's digest in any form but hex: up to these many buffered bytes the addon's digest
// (which writes straight into a Buffer or string) beats Node's one-shot, which makes its
// Buffer from a latin1 string (400-800 ns more than hex on Node 20-26). Past them
// OpenSSL's md5/sha512 outrun the addon's (1.3x at 4 KiB); sha1/sha256 run level.
const NATIVE_DIGEST_UP_TO = {
  [MD5]: 512, [SHA1]: ONE_SHOT_UP_TO, [SHA256]: ONE_SHOT_UP_TO, [SHA384]: 512, [SHA512]: 512, [SHA512_256]: 512,
};

/** The digest of what a Hash buffered, in `outputEncoding`'s form. */
function bufferedDigest(hash, outputEncoding) {
  const algorithm = hash[kAlgorithm];
  const length = hash[kLength];
  const buffer = hash[kBuffer];
  const hex = outputEncoding === 'hex';
  const encodingId = digestEncodingId(outputEncoding);
  if (!HAS_NODE_ONE_SHOT || (!hex && length <= NATIVE_DIGEST_UP_TO[algorithm])) {
    return nativeDigest(algorithm, buffer, length, encodingId);
  }
  // The buffer itself when it is exactly full (a single update), else a plain view:
  // Buffer#subarray goes through the species constructor, which costs more than the
  // rest of a small digest.
  let data = EMPTY;
  if (length > 0) data = length === buffer.length ? buffer : new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  const name = NAMES[algorithm][0];
  if (hex) return builtin.hash(name, data, 'hex');
  const bytes = builtin.hash(name, data, 'buffer');
  return encodingId === BUFFER ? bytes : formatDigest(bytes, outputEncoding);
}

Hash.prototype.copy = function copy(options) {
  if (this[kFinalized]) throw hashFinalized();
  const clone = Object.create(Hash.prototype);
  const delegate = this[kDelegate];
  initHash(clone, this[kName], this[kAlgorithm], delegate === null ? null : delegate.copy(options), options);
  if (this[kLength] > 0) {
    clone[kBuffer] = Buffer.from(this[kBuffer].subarray(0, this[kLength]));
    clone[kLength] = this[kLength];
  }
  return clone;
};

Hash.prototype._transform = _transform;

Hash.prototype._flush = function _flush(callback) {
  // Like Node, piping computes the digest without finalizing: a later digest() call
  // returns it once.
  const delegate = this[kDelegate];
  const bytes = delegate !== null ? delegate.digest() : bufferedDigest(this, 'buffer');
  this[kCached] = bytes;
  this.push(bytes);
  callback();
};

Hash.prototype.update = update;

Hash.prototype.digest = function digest(outputEncoding) {
  if (this[kFinalized]) throw hashFinalized();
  let result;
  if (this[kCached] !== null) result = formatDigest(this[kCached], outputEncoding);
  else if (this[kDelegate] !== null) result = this[kDelegate].digest(outputEncoding);
  else result = bufferedDigest(this, outputEncoding);
  this[kFinalized] = true;
  return result;
};

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

module.exports = { Hash, createHash, ONE_SHOT_UP_TO, HAS_NODE_ONE_SHOT };
