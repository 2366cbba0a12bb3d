'use strict';

// hotpath/crypto: Node's crypto with native Hash, Hmac and PBKDF2 for md5, sha1,
// sha256, sha384, sha512 and sha512-256 (every alias OpenSSL accepts for them), plus
// extras: hmac(), hashMany(), hashManySync(), hashFile(), hashFiles(). Everything
// else (ciphers, keys, webcrypto, hash(), hkdf, random*, timingSafeEqual …) is Node's.

const builtin = require('node:crypto');
const { native } = require('./internal/native.js');
const { copyBuiltin, override } = require('./internal/face.js');
const hashing = require('./internal/crypto-hash.js');
const kdf = require('./internal/crypto-kdf.js');
const many = require('./internal/crypto-many.js');

const face = copyBuiltin(builtin);
module.exports = face;

if (native) {
  override(face, 'Hash', hashing.Hash);
  override(face, 'Hmac', hashing.Hmac);
  override(face, 'createHash', hashing.createHash);
  override(face, 'createHmac', hashing.createHmac);
  override(face, 'pbkdf2', kdf.pbkdf2);
  override(face, 'pbkdf2Sync', kdf.pbkdf2Sync);
}

face.hmac = hashing.hmac;
face.hashMany = many.hashMany;
face.hashManySync = many.hashManySync;
face.hashFile = many.hashFile;
face.hashFiles = many.hashFiles;
