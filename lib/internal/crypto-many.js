'use strict';

// hotpath extras: hashMany/hashManySync (many inputs, one call, every core) and
// hashFile/hashFiles (read and hash in Rust, files in parallel).

const { fileURLToPath } = require('node:url');
const { requireNative } = require('./native.js');
const { invalidArgType, outOfRange } = require('./errors.js');
const { validateString } = require('./validators.js');
const { nativeAlgorithm, BUFFER, OUTPUT_LENGTH } = require('./crypto-algorithms.js');
const { oneShotEncodingId } = require('./crypto-hash.js');
const { fromNative } = require('./system-error.js');
const { NODE_ENCODING_IDS } = require('./encodings.js');

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

/** All inputs back to back in one Buffer, with their offsets: one copy, one crossing. */
function pack(inputs) {
  if (!Array.isArray(inputs)) throw invalidArgType('inputs', 'Array', inputs);
  let total = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (typeof input === 'string') total += 3 * input.length;
    else if (ArrayBuffer.isView(input)) total += input.byteLength;
    else throw invalidArgType(`inputs[${i}]`, ['string', 'Buffer', 'TypedArray', 'DataView'], input);
  }
  const data = Buffer.allocUnsafe(total);
  const offsets = new Uint32Array(inputs.length + 1);
  let at = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (typeof input === 'string') {
      at += data.utf8Write(input, at);
    } else {
      data.set(input instanceof Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength), at);
      at += input.byteLength;
    }
    offsets[i + 1] = at;
  }
  return [data, offsets];
}

/** Splits the digests that came back into the asked-for form. */
function unpack(digests, count, size, encodingId) {
  const out = new Array(count);
  if (encodingId === BUFFER) {
    for (let i = 0; i < count; i++) out[i] = digests.subarray(i * size, (i + 1) * size);
    return out;
  }
  const name = ENCODING_NAMES[encodingId];
  if (name === 'hex' || name === 'latin1') {
    // One conversion for all digests, then a cheap slice each: fixed width per digest.
    const width = name === 'hex' ? 2 * size : size;
    const all = digests.toString(name);
    for (let i = 0; i < count; i++) out[i] = all.slice(i * width, (i + 1) * width);
    return out;
  }
  for (let i = 0; i < count; i++) out[i] = digests.toString(name, i * size, (i + 1) * size);
  return out;
}

/** hashManySync(algorithm, inputs[, outputEncoding = 'hex']) → digests, in order. */
function hashManySync(algorithm, inputs, outputEncoding = 'hex') {
  const nativeBinding = requireNative('hashManySync');
  const id = algorithmId(algorithm, 'hashManySync');
  const encodingId = oneShotEncodingId(outputEncoding);
  const [data, offsets] = pack(inputs);
  return unpack(nativeBinding.hashPackedSync(id, data, offsets), inputs.length, OUTPUT_LENGTH[id], encodingId);
}

/** hashMany(...) → Promise of the digests, hashed off the JS thread on every core. */
async function hashMany(algorithm, inputs, outputEncoding = 'hex') {
  const nativeBinding = requireNative('hashMany');
  const id = algorithmId(algorithm, 'hashMany');
  const encodingId = oneShotEncodingId(outputEncoding);
  const [data, offsets] = pack(inputs);
  const digests = await nativeBinding.hashPacked(id, data, offsets);
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
    throw fromNative(error, file);
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
  if (settle) {
    return results.map((result, i) =>
      typeof result === 'string'
        ? { status: 'rejected', reason: fromNative(new Error(result), files[i]) }
        : { status: 'fulfilled', value: encodeDigest(result, encodingId) },
    );
  }
  return results.map((result, i) => {
    if (typeof result === 'string') throw fromNative(new Error(result), files[i]);
    return encodeDigest(result, encodingId);
  });
}

module.exports = { hashMany, hashManySync, hashFile, hashFiles };
