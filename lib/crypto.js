'use strict';

// hotpath/crypto: Node's crypto with native Hash, Hmac and PBKDF2 for md5, sha1,
// sha256, sha384, sha512 and sha512-256 (every alias OpenSSL accepts for them), plus
// extras: hmac(), hashMany(), hashManySync(), hashFile(), hashFiles(). Everything
// else (ciphers, keys, webcrypto, hash(), hkdf, random*, timingSafeEqual …) is Node's.

const builtin = require('node:crypto');
const { deprecate } = require('node:util');
const { native } = require('./internal/native.js');
const { copyBuiltin, override } = require('./internal/face.js');
const { Hash, createHash } = require('./internal/crypto/hash.js');
const { Hmac, createHmac, hmac } = require('./internal/crypto/hmac.js');
const kdf = require('./internal/crypto/kdf.js');
const many = require('./internal/crypto/many.js');

const face = copyBuiltin(builtin);
module.exports = face;

// Node 22 deprecated calling the Hash and Hmac constructors directly (DEP0179,
// DEP0181): its exports became util.deprecate wrappers, which createHash() bypasses.
// Wrapped the same way, the warning comes once, shared with Node's own by its code.
const constructorsDeprecated = builtin.createHash('sha256').constructor !== builtin.Hash;

function exportedConstructor(Class, code) {
  return constructorsDeprecated ? deprecate(Class, `crypto.${Class.name} constructor is deprecated.`, code) : Class;
}

if (native) {
  override(face, 'Hash', exportedConstructor(Hash, 'DEP0179'));
  override(face, 'Hmac', exportedConstructor(Hmac, 'DEP0181'));
  override(face, 'createHash', createHash);
  override(face, 'createHmac', createHmac);
  override(face, 'pbkdf2', kdf.pbkdf2);
  override(face, 'pbkdf2Sync', kdf.pbkdf2Sync);
}

face.hmac = hmac;
face.hashMany = many.hashMany;
face.hashManySync = many.hashManySync;
face.hashFile = many.hashFile;
face.hashFiles = many.hashFiles;
