'use strict';

// Node's Hash and Hmac, built for small messages: input is buffered in JS and digested
// in one call, so `createHash(a).update(x).digest(e)` pays one crossing. A Hash digests
// its buffer for hex with Node's own one-shot `crypto.hash()` (20.12+), which measured
// faster than the addon's call at every size up to 16 KiB on Node 20–26 (1.4–2.5× Node's
// createHash chain at 16–1,024 B, against 0.9–1.3× for the native digest): the same
// OpenSSL work without the Hash object and its streams; small digests in other forms
// are the addon's (see bufferedDigest). An Hmac, which has no Node
// one-shot, digests natively. Past a size where OpenSSL's bulk speed matters more than
// call overhead, the buffered input moves to Node's own Hash/Hmac and the rest goes
// there too. Names hotpath does not know, KeyObject keys and XOF output lengths go to
// Node's objects from the start.

const builtin = require('node:crypto');
const { native } = require('../native.js');
const { LazyTransform } = require('./lazy-transform.js');
const { makeNodeError, invalidArgType, invalidArgValue } = require('../errors.js');
const { validateString, validateUint32 } = require('../validators.js');
const { nodeEncodingName } = require('../text/encodings.js');
const {
  nativeAlgorithm, digestEncodingId, BUFFER, OUTPUT_LENGTH, NAMES, MD5, SHA1, SHA256, SHA384, SHA512, SHA512_256,
} = require('./algorithms.js');

// Node's one-shot digest (Node 20.12+), and the bytes a Hash buffers for it: up to
// 16 KiB copy + one-shot still beats Node's createHash chain (measured 1.0–1.1× at
// 16 KiB, 0.96× at 64 KiB).
// Read from node:crypto at each call (tests count the calls by wrapping it there).
const HAS_NODE_ONE_SHOT = typeof builtin.hash === 'function';
const ONE_SHOT_UP_TO = 16 << 10;

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

// Buffered bytes come out of a shared 64 KiB block, handed out in slices as Buffer's
// own pool does, but as plain Uint8Array views: Buffer.allocUnsafe measured ~150 ns a
// call and a view ~60 ns, a fifth of a whole 1 KiB one-shot digest. The block is not
// zero-filled (a zeroed one cost ~150 ns more per 1 KiB update); only bytes a Hash
// wrote are ever read. A slice is never handed out twice; a full block is dropped (its
// slices keep it alive while needed).
const BLOCK_SIZE = 64 << 10;
let block = null;
let blockUsed = 0;

function reserveBytes(capacity) {
  if (capacity > BLOCK_SIZE >>> 4) return Buffer.allocUnsafe(capacity);
  if (block === null || blockUsed + capacity > BLOCK_SIZE) {
    block = Buffer.allocUnsafeSlow(BLOCK_SIZE).buffer;
    blockUsed = 0;
  }
  const view = new Uint8Array(block, blockUsed, capacity);
  blockUsed += (capacity + 7) & ~7;
  return view;
}

/**
 * Room for `needed` buffered bytes: the first reservation fits exactly (the common
 * single update then digests without another view), later ones double. Strings are
 * written with Buffer's own encoders, so they need a Buffer.
 */
function ensureCapacity(state, needed, asBuffer) {
  const buffer = state[kBuffer];
  if (buffer !== null && buffer.length >= needed && (!asBuffer || Buffer.isBuffer(buffer))) return buffer;
  const size = buffer === null ? needed : Math.max(128, 2 * needed);
  const grown = asBuffer ? Buffer.allocUnsafe(Math.max(128, size)) : reserveBytes(size);
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

// ---- Hash -------------------------------------------------------------------------

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
  if (id === undefined) initHash(this, algorithm, -1, builtin.createHash(algorithm, options), options);
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

function _transform(chunk, encoding, callback) {
  absorb(this, chunk, encoding);
  callback();
}
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

// Shared by Hash and Hmac, as in Node.
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

// ---- Hmac -------------------------------------------------------------------------

/**
 * The bytes of a key, password or salt when hotpath can use it directly (a string in
 * `encoding`, default UTF-8; an ArrayBuffer; a view), as a view over them, or
 * undefined: KeyObject, CryptoKey and anything invalid go to Node, which accepts or
 * rejects them exactly as it does. Not a copy: keep it only after copying.
 */
function secretBytes(value, encoding) {
  if (typeof value === 'string') {
    if (encoding === undefined || encoding === 'buffer') return Buffer.from(value, 'utf8');
    const name = typeof encoding === 'string' ? nodeEncodingName(encoding) : undefined;
    return name === undefined ? undefined : Buffer.from(value, name);
  }
  // Empty input as EMPTY: a detached ArrayBuffer, or a view of one, is empty to Node,
  // and no (new) view can be made of it.
  if (ArrayBuffer.isView(value)) return value.byteLength === 0 ? EMPTY : value;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
    return value.byteLength === 0 ? EMPTY : new Uint8Array(value);
  }
  return undefined;
}

function keyEncoding(options) {
  return options !== null && typeof options === 'object' ? options.encoding : undefined;
}

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const id = native !== null ? nativeAlgorithm(hmac) : undefined;
  const keyBytes = id === undefined ? undefined : secretBytes(key, keyEncoding(options));
  if (keyBytes === undefined) initHash(this, hmac, -1, builtin.createHmac(hmac, key, options), options);
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

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

// ---- hmac(): one-shot, hotpath extra -------------------------------------------------

/** crypto.hash()'s outputEncoding rule: validated, 'buffer' allowed, default 'hex'. */
function oneShotEncodingId(outputEncoding) {
  if (outputEncoding === 'hex') return digestEncodingId('hex');
  validateString(outputEncoding, 'outputEncoding');
  const name = nodeEncodingName(outputEncoding);
  if (name !== undefined) return digestEncodingId(name);
  if (outputEncoding.toLowerCase() === 'buffer') return BUFFER;
  throw invalidArgValue('outputEncoding', outputEncoding);
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

module.exports = {
  Hash,
  Hmac,
  createHash,
  createHmac,
  hmac,
  oneShotEncodingId,
  secretBytes,
  HAND_OVER_AT,
  ONE_SHOT_UP_TO,
  HAS_NODE_ONE_SHOT,
};
