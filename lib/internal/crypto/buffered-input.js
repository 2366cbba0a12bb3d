'use strict';

// What Node's Hash and Hmac share in hotpath: input is buffered in JS (input-arena.js)
// and digested in one native call, so `createHash(a).update(x).digest(e)` pays one
// crossing. Past a size where OpenSSL's bulk speed matters more than call overhead, the
// buffered input moves to Node's own Hash/Hmac (the object's kNodeFactory) and the rest
// goes there too. This file holds that state machine: the object's slots, update() with
// Node's checks, the hand-over, and the native digest.

const { native } = require('../native.js');
const { LazyTransform } = require('./lazy-transform.js');
const { makeNodeError, invalidArgType, invalidArgValue } = require('../errors.js');
const { nodeEncodingName } = require('../text/encodings.js');
const { reserveBytes } = require('./input-arena.js');
const {
  digestEncodingId, BUFFER, OUTPUT_LENGTH, MD5, SHA1, SHA256, SHA384, SHA512, SHA512_256,
} = require('./algorithms.js');

const kName = Symbol('kName');
const kAlgorithm = Symbol('kAlgorithm');
const kDelegate = Symbol('kDelegate');
const kBuffer = Symbol('kBuffer');
const kLength = Symbol('kLength');
const kFinalized = Symbol('kFinalized');
const kCached = Symbol('kCached');
const kKey = Symbol('kKey');
// On each prototype: how many bytes an object of it buffers before Node's takes over.
const kBufferLimit = Symbol('kBufferLimit');
// On each prototype: makes the Node object that takes over (Hash or Hmac).
const kNodeFactory = Symbol('kNodeFactory');

// The algorithm slot of an object whose work Node's own Hash/Hmac does from the start.
const NODE_ALGORITHM = -1;

// A Buffer is allocated at least this big once strings are written or the input grows.
const MIN_GROWN_CAPACITY = 128;

const EMPTY = Buffer.alloc(0);

// Buffered bytes past which Node's object takes over: the sizes where a hotpath
// chain (copy + one native call) stops beating Node's, measured per algorithm here.
const HAND_OVER_AT = {
  [MD5]: 256, [SHA1]: 384, [SHA256]: 384, [SHA384]: 192, [SHA512]: 192, [SHA512_256]: 192,
};

function hashFinalized() {
  return makeNodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

/** Node rejects odd-length hex strings in update(). */
function validateEncoding(data, encoding) {
  if (nodeEncodingName(encoding) === 'hex' && data.length % 2 !== 0) {
    throw invalidArgValue('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
}

function validateData(data, encoding) {
  if (typeof data === 'string') validateEncoding(data, encoding);
  else if (!ArrayBuffer.isView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

/**
 * How update() reads a string: Node's parser defaults to UTF-8 for unknown names and
 * for 'buffer' (the encoding a Node 20 Hash stream hands its string chunks on with).
 */
function stringEncoding(encoding) {
  if (encoding === undefined || encoding === null) return 'utf8';
  const name = nodeEncodingName(`${encoding}`);
  return name === undefined ? 'utf8' : name;
}

function maxEncodedLength(length, encoding) {
  switch (encoding) {
    case 'utf8':
      return 3 * length;
    case 'utf16le':
      return 2 * length;
    case 'hex':
      return length >>> 1;
    case 'base64':
    case 'base64url':
      return Math.ceil((length * 3) / 4) + 3;
    default:
      return length;
  }
}

/**
 * Room for `needed` buffered bytes: the first reservation fits exactly (the common
 * single update then digests without another view), later ones double. Strings are
 * written with Buffer's own encoders, so they need a Buffer.
 */
function ensureCapacity(state, needed, asBuffer) {
  const buffer = state[kBuffer];
  if (buffer !== null && buffer.length >= needed && (!asBuffer || Buffer.isBuffer(buffer))) return buffer;
  const size = buffer === null ? needed : Math.max(MIN_GROWN_CAPACITY, 2 * needed);
  const grown = asBuffer ? Buffer.allocUnsafe(Math.max(MIN_GROWN_CAPACITY, size)) : reserveBytes(size);
  if (buffer !== null && state[kLength] > 0) grown.set(buffer.subarray(0, state[kLength]));
  state[kBuffer] = grown;
  return grown;
}

function appendBytes(state, data, encoding) {
  const length = state[kLength];
  if (typeof data === 'string') {
    const as = stringEncoding(encoding);
    const buffer = ensureCapacity(state, length + maxEncodedLength(data.length, as), true);
    state[kLength] = length + buffer.write(data, length, as);
    return;
  }
  const size = data.byteLength;
  // Nothing to copy; and a view of a detached ArrayBuffer (byteLength 0), which Node
  // hashes as empty, would make set() throw.
  if (size === 0) return;
  const buffer = ensureCapacity(state, length + size, false);
  buffer.set(data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, size), length);
  state[kLength] = length + size;
}

/**
 * Feeds data to the delegate, or buffers it; once the input outgrows the native
 * path, Node's object takes what was buffered and everything after. A chunk that is
 * large by itself goes to Node's object without being copied here first.
 */
function absorb(state, data, encoding) {
  const delegate = state[kDelegate];
  if (delegate !== null) {
    delegate.update(data, encoding);
    return;
  }
  const limit = state[kBufferLimit](state[kAlgorithm]);
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (state[kLength] + size > limit) {
    handOver(state).update(data, encoding);
    return;
  }
  appendBytes(state, data, encoding);
  // A string's UTF-8 may be longer than its length.
  if (state[kLength] > limit) handOver(state);
}

function handOver(state) {
  const delegate = state[kNodeFactory](state);
  if (state[kLength] > 0) {
    delegate.update(state[kBuffer].subarray(0, state[kLength]));
    state[kBuffer] = null;
    state[kLength] = 0;
  }
  state[kDelegate] = delegate;
  return delegate;
}

/** Digest bytes already computed (after piping) in digest()'s output form. */
function formatDigest(bytes, outputEncoding) {
  const id = digestEncodingId(outputEncoding);
  return id === BUFFER ? Buffer.from(bytes) : bytes.toString(nodeEncodingName(`${outputEncoding}`));
}

function nativeDigest(algorithm, buffer, length, encodingId, key) {
  const data = buffer === null ? EMPTY : buffer;
  if (encodingId === BUFFER) {
    const out = Buffer.allocUnsafe(OUTPUT_LENGTH[algorithm]);
    if (key === undefined) native.hashBytes(algorithm, data, length, BUFFER, out);
    else native.hmacBytes(algorithm, key, data, length, BUFFER, out);
    return out;
  }
  return key === undefined
    ? native.hashBytes(algorithm, data, length, encodingId)
    : native.hmacBytes(algorithm, key, data, length, encodingId);
}

function initHash(hash, name, algorithm, delegate, options) {
  hash[kName] = name;
  hash[kAlgorithm] = algorithm;
  hash[kDelegate] = delegate;
  hash[kBuffer] = null;
  hash[kLength] = 0;
  hash[kFinalized] = false;
  hash[kCached] = null;
  LazyTransform.call(hash, options);
}

function _transform(chunk, encoding, callback) {
  absorb(this, chunk, encoding);
  callback();
}
/** update(data[, encoding]), shared by Hash and Hmac as in Node. */
function update(data, encoding) {
  const delegate = this[kDelegate];
  if (delegate !== null && this[kCached] === null) {
    // Node's own object checks the arguments and its state with the same errors.
    delegate.update(data, encoding);
    return this;
  }
  if (this[kFinalized]) throw hashFinalized();
  validateData(data, encoding);
  absorb(this, data, encoding);
  return this;
}

module.exports = {
  kName,
  kAlgorithm,
  kDelegate,
  kBuffer,
  kLength,
  kFinalized,
  kCached,
  kKey,
  kBufferLimit,
  kNodeFactory,
  EMPTY,
  NODE_ALGORITHM,
  HAND_OVER_AT,
  hashFinalized,
  initHash,
  update,
  _transform,
  nativeDigest,
  formatDigest,
};
