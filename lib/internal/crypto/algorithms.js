'use strict';

// The digests hotpath computes natively, by every name Node's OpenSSL accepts for
// them (checked against Node in __test__/crypto.test.mjs), and the output encodings of
// digest(): Node's encoding ids, or BUFFER.

const { native, nativeEnum } = require('../native.js');
const { invalidArgValue } = require('../errors.js');
const { validateString } = require('../validators.js');
const { nodeEncodingName, NODE_ENCODING_IDS } = require('../text/encodings.js');

// The ids are the addon's (DigestAlgorithm).
const {
  Md5: MD5, Sha1: SHA1, Sha256: SHA256, Sha384: SHA384, Sha512: SHA512, Sha512_256: SHA512_256,
} = nativeEnum('DigestAlgorithm');

const OUTPUT_LENGTH = {
  [MD5]: 16, [SHA1]: 20, [SHA256]: 32, [SHA384]: 48, [SHA512]: 64, [SHA512_256]: 32,
};

const NAMES = {
  [MD5]: ['md5', 'rsa-md5', 'ssl3-md5', 'md5withrsaencryption', '1.2.840.113549.2.5'],
  [SHA1]: ['sha1', 'sha-1', 'rsa-sha1', 'ssl3-sha1', 'sha1withrsaencryption', 'rsa-sha1-2', '1.3.14.3.2.26'],
  [SHA256]: ['sha256', 'sha-256', 'sha2-256', 'rsa-sha256', 'sha256withrsaencryption', '2.16.840.1.101.3.4.2.1'],
  [SHA384]: ['sha384', 'sha-384', 'sha2-384', 'rsa-sha384', 'sha384withrsaencryption', '2.16.840.1.101.3.4.2.2'],
  [SHA512]: ['sha512', 'sha-512', 'sha2-512', 'rsa-sha512', 'sha512withrsaencryption', '2.16.840.1.101.3.4.2.3'],
  [SHA512_256]: [
    'sha512-256', 'sha-512/256', 'sha2-512/256', 'rsa-sha512/256', 'sha512-256withrsaencryption',
    '2.16.840.1.101.3.4.2.6',
  ],
};

const IDS = new Map();
for (const [id, names] of Object.entries(NAMES)) for (const name of names) IDS.set(name, Number(id));

/** The native algorithm id for `name` (any case), or undefined. */
function nativeAlgorithm(name) {
  const exact = IDS.get(name);
  return exact !== undefined ? exact : IDS.get(name.toLowerCase());
}

// The output encoding id that asks for the digest's bytes. Without the addon every
// encoding id is undefined, so BUFFER must be something else, or 'hex' would read as
// a Buffer (the extras that still work there, hmac() among them, compare against it).
const BUFFER = native ? native.DIGEST_AS_BUFFER : Symbol('digest as a Buffer');

/** digest(outputEncoding)'s rule: falsy or unknown means a Buffer, any case allowed. */
function digestEncodingId(outputEncoding) {
  if (outputEncoding === 'hex') return NODE_ENCODING_IDS.hex;
  if (!outputEncoding) return BUFFER;
  const name = nodeEncodingName(`${outputEncoding}`);
  return name === undefined ? BUFFER : NODE_ENCODING_IDS[name];
}

/** crypto.hash()'s outputEncoding rule: validated, 'buffer' allowed, default 'hex'. */
function oneShotEncodingId(outputEncoding) {
  if (outputEncoding === 'hex') return digestEncodingId('hex');
  validateString(outputEncoding, 'outputEncoding');
  const name = nodeEncodingName(outputEncoding);
  if (name !== undefined) return digestEncodingId(name);
  if (outputEncoding.toLowerCase() === 'buffer') return BUFFER;
  throw invalidArgValue('outputEncoding', outputEncoding);
}

module.exports = {
  nativeAlgorithm, digestEncodingId, oneShotEncodingId, BUFFER, OUTPUT_LENGTH, NAMES, MD5, SHA1, SHA256, SHA384, SHA512, SHA512_256,
};
