'use strict';

// hotpath extras: hashMany/hashManySync (many inputs, one call, every core) and
// hashFile/hashFiles (read and hash in Rust, files in parallel). hashMany takes every
// digest crypto.hash() takes: those the addon lacks (sha3-256, blake2b512, …) are
// computed by the running Node's crypto.hash(), on the calling thread.

const builtin = require('node:crypto');
const { fileURLToPath } = require('node:url');
const { requireNative } = require('../native.js');
const { copied } = require('../kept-copies.js');
const { invalidArgType, outOfRange } = require('../errors.js');
const { validateString } = require('../validators.js');
const { nativeAlgorithm, BUFFER, OUTPUT_LENGTH } = require('./algorithms.js');
const { oneShotEncodingId } = require('./algorithms.js');
const { fsErrorFromNative } = require('../system-error.js');
const { NODE_ENCODING_IDS } = require('../text/encodings.js');

const ENCODING_NAMES = Object.fromEntries(Object.entries(NODE_ENCODING_IDS).map(([name, id]) => [id, name]));

function algorithmId(algorithm, feature) {
  validateString(algorithm, 'algorithm');
  const id = nativeAlgorithm(algorithm);
  if (id === undefined) {
    const error = new Error(`Digest method ${algorithm} is not supported by hotpath's ${feature}`);
    error.code = 'ERR_CRYPTO_INVALID_DIGEST';
    throw error;
  }
  return id;
}

function validateInputs(inputs) {
  if (!Array.isArray(inputs)) throw invalidArgType('inputs', 'Array', inputs);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
      throw invalidArgType(`inputs[${i}]`, ['string', 'Buffer', 'TypedArray', 'DataView'], input);
    }
  }
}

const HEX = NODE_ENCODING_IDS.hex;

/**
 * Splits the digests that came back into the asked-for form: hex arrives as one
 * string (sliced here, a fixed width per digest), anything else as one Buffer.
 */
function unpack(digests, count, size, encodingId) {
  const out = new Array(count);
  if (encodingId === HEX) {
    const width = 2 * size;
    for (let i = 0; i < count; i++) out[i] = digests.slice(i * width, (i + 1) * width);
    return out;
  }
  if (encodingId === BUFFER) {
    for (let i = 0; i < count; i++) out[i] = digests.subarray(i * size, (i + 1) * size);
    return out;
  }
  const name = ENCODING_NAMES[encodingId];
  for (let i = 0; i < count; i++) out[i] = digests.toString(name, i * size, (i + 1) * size);
  return out;
}

/** Runs the native call; on a bad input, names it as Node would (inputs[i]). */
function withInputCheck(inputs, call) {
  if (!Array.isArray(inputs)) throw invalidArgType('inputs', 'Array', inputs);
  try {
    return call();
  } catch (error) {
    validateInputs(inputs);
    throw error;
  }
}

/** Node's crypto.hash() of each input (its errors for an unknown digest). */
function hashEachWithNode(algorithm, inputs, outputEncoding) {
  validateInputs(inputs);
  const encoding = oneShotEncodingId(outputEncoding) === BUFFER ? 'buffer' : outputEncoding;
  if (typeof builtin.hash === 'function') return inputs.map((input) => builtin.hash(algorithm, input, encoding));
  // Node before 20.12 has no crypto.hash().
  return inputs.map((input) => builtin.createHash(algorithm).update(input).digest(encoding));
}

/** hashManySync(algorithm, inputs[, outputEncoding = 'hex']) → digests, in order. */
function hashManySync(algorithm, inputs, outputEncoding = 'hex') {
  const nativeBinding = requireNative('hashManySync');
  validateString(algorithm, 'algorithm');
  const id = nativeAlgorithm(algorithm);
  if (id === undefined) return hashEachWithNode(algorithm, inputs, outputEncoding);
  const encodingId = oneShotEncodingId(outputEncoding);
  const digests = withInputCheck(inputs, () => nativeBinding.hashManySync(id, inputs, encodingId === HEX));
  return unpack(digests, inputs.length, OUTPUT_LENGTH[id], encodingId);
}

/** hashMany(...) → Promise of the digests, hashed off the JS thread on every core. */
async function hashMany(algorithm, inputs, outputEncoding = 'hex') {
  const nativeBinding = requireNative('hashMany');
  validateString(algorithm, 'algorithm');
  const id = nativeAlgorithm(algorithm);
  if (id === undefined) return hashEachWithNode(algorithm, inputs, outputEncoding);
  const encodingId = oneShotEncodingId(outputEncoding);
  const hashing = withInputCheck(inputs, () => nativeBinding.hashMany(id, inputs, encodingId === HEX));
  // The addon copied the inputs into one buffer (their total size: not worth a loop here).
  copied(Infinity);
  const result = await hashing;
  const digests = encodingId === HEX ? result.latin1Slice() : result;
  return unpack(digests, inputs.length, OUTPUT_LENGTH[id], encodingId);
}

function toPath(path, name) {
  if (path instanceof URL) return fileURLToPath(path);
  if (typeof path !== 'string') throw invalidArgType(name, ['string', 'URL'], path);
  return path;
}

function encodeDigest(bytes, encodingId) {
  return encodingId === BUFFER ? bytes : bytes.toString(ENCODING_NAMES[encodingId]);
}

/** hashFile(path, algorithm[, outputEncoding = 'hex']): read and hashed in Rust. */
async function hashFile(path, algorithm, outputEncoding = 'hex') {
  const nativeBinding = requireNative('hashFile');
  const file = toPath(path, 'path');
  const id = algorithmId(algorithm, 'hashFile');
  const encodingId = oneShotEncodingId(outputEncoding);
  try {
    return encodeDigest(await nativeBinding.hashFile(id, file), encodingId);
  } catch (error) {
    throw await fsErrorFromNative(error, file);
  }
}

/**
 * hashFiles(paths, algorithm[, { outputEncoding = 'hex', concurrency, settle }]):
 * digests in order. A failing file rejects with its fs-style error, or with
 * `settle: true` every file gets a { status, value | reason } entry.
 */
async function hashFiles(paths, algorithm, options = {}) {
  const nativeBinding = requireNative('hashFiles');
  if (!Array.isArray(paths)) throw invalidArgType('paths', 'Array', paths);
  const files = paths.map((path, i) => toPath(path, `paths[${i}]`));
  const id = algorithmId(algorithm, 'hashFiles');
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'object', options);
  const { outputEncoding = 'hex', concurrency = 0, settle = false } = options;
  const encodingId = oneShotEncodingId(outputEncoding);
  if (!Number.isInteger(concurrency) || concurrency < 0 || concurrency > 1024) {
    throw outOfRange('options.concurrency', '>= 0 && <= 1024', concurrency);
  }
  const results = await nativeBinding.hashFiles(id, files, concurrency);
  const failures = await Promise.all(
    results.map((result, i) => (typeof result === 'string' ? fsErrorFromNative(new Error(result), files[i]) : null)),
  );
  if (settle) {
    return results.map((result, i) =>
      failures[i] !== null
        ? { status: 'rejected', reason: failures[i] }
        : { status: 'fulfilled', value: encodeDigest(result, encodingId) },
    );
  }
  return results.map((result, i) => {
    if (failures[i] !== null) throw failures[i];
    return encodeDigest(result, encodingId);
  });
}

module.exports = { hashMany, hashManySync, hashFile, hashFiles };
