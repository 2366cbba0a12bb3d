'use strict';

// pbkdf2 and pbkdf2Sync: ring's PBKDF2 (SHA-1/SHA-2) or this addon's HMAC, the async
// form on hotpath's pool, for the digests where that beats the running Node (below);
// every other call is Node's own. Only arguments Node accepts without complaint take
// the native path; anything else (a KeyObject, an unknown digest, a bad number, a keylen of 0,
// which Node 20 answers with an empty Buffer and Node 22+ with "Deriving bits failed")
// is handed to the running Node's own function, which then throws exactly its error
// or computes the key. The async form is an async resource of Node's type,
// PBKDF2REQUEST, so async_hooks and AsyncLocalStorage see what they see in Node.

const builtin = require('node:crypto');
const { AsyncResource } = require('node:async_hooks');
const { native } = require('../native.js');
const { nativeAlgorithm, SHA256 } = require('./algorithms.js');
const { secretBytes } = require('./secret-bytes.js');
const { onSettled } = require('../settle.js');
const { forRunningNode } = require('../measured.js');

// The digests whose PBKDF2 is faster here than in the running Node (the `pbkdf2Sync
// sha256` row of benches/crypto.bench.mjs holds sha256). Measured with pbkdf2Sync
// (hotpath / Node, 100k iterations of sha256, 50k of sha1 and sha512):
// Node 20: sha256 1.15×, sha1 0.50× (ring's SHA-1 has no SHA-NI path), sha512 0.90×;
// Node 22, 24, 26 (OpenSSL's faster PBKDF2): sha256 0.67–0.77×, sha1 0.31–0.33×,
// sha512 0.75×. Everything else is Node's.
// Kept as digest ids, so every name of a digest (SHA256, RSA-SHA256 …) counts.
const FASTER_HERE = forRunningNode({ 20: new Set([SHA256]), 22: new Set() });

const INT32_MAX = 2147483647;

function isInt32In(value, min) {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= INT32_MAX;
}

/** The native arguments, or undefined when Node must handle the call. */
function nativeArguments(password, salt, iterations, keylen, digest) {
  if (native === null || typeof digest !== 'string') return undefined;
  const algorithm = nativeAlgorithm(digest);
  if (!FASTER_HERE.has(algorithm) || !isInt32In(iterations, 1) || !isInt32In(keylen, 1)) return undefined;
  // The inputs Node's getArrayBufferOrView takes without error.
  const passwordBytes = secretBytes(password);
  const saltBytes = secretBytes(salt);
  if (passwordBytes === undefined || saltBytes === undefined) return undefined;
  return [algorithm, passwordBytes, saltBytes, iterations, keylen];
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const args = nativeArguments(password, salt, iterations, keylen, digest);
  if (args === undefined) return builtin.pbkdf2Sync(password, salt, iterations, keylen, digest);
  return native.pbkdf2Sync(...args);
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = nativeArguments(password, salt, iterations, keylen, digest);
  if (args === undefined || typeof callback !== 'function') {
    builtin.pbkdf2(password, salt, iterations, keylen, digest, callback);
    return;
  }
  const request = new AsyncResource('PBKDF2REQUEST');
  const settle = (error, key) => {
    try {
      request.runInAsyncScope(callback, undefined, error, key);
    } finally {
      request.emitDestroy();
    }
  };
  onSettled(native.pbkdf2(...args), (key) => settle(null, key), settle);
}

module.exports = { pbkdf2, pbkdf2Sync, NATIVE_DIGESTS: FASTER_HERE };
