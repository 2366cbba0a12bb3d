// hotpath/crypto's extras (hmac(), hashMany, hashManySync, hashFile, hashFiles) against
// what node:crypto gives for the same work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import node from 'node:crypto';
import { seededRandom, randomText } from './helpers/random.mjs';
import { assertSameError } from './helpers/errors.mjs';
import { NATIVE, outcome } from './helpers/crypto.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/crypto');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-crypto-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

test('hmac() equals createHmac().update().digest() and validates like crypto.hash()', () => {
  const random = seededRandom(56);
  for (let i = 0; i < 300; i++) {
    const algorithm = random.pick([...NATIVE, 'sha224']);
    const key = random.bytes(random.int(0, 200));
    const data = random.pick([random.bytes(random.int(0, 3000)), randomText(random, 50)]);
    const encoding = random.pick(['hex', 'base64', 'buffer', 'latin1']);
    assert.deepEqual(hotpath.hmac(algorithm, key, data, encoding), node.createHmac(algorithm, key).update(data).digest(encoding), algorithm);
  }
  assert.equal(hotpath.hmac('sha256', 'k', 'd'), node.createHmac('sha256', 'k').update('d').digest('hex'));
  assert.throws(() => hotpath.hmac('sha256', 'k', 'd', 'nope'), { name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => hotpath.hmac('sha256', 'k', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => hotpath.hmac('nope', 'k', 'd'), { code: 'ERR_CRYPTO_INVALID_DIGEST' });
});

test('hashMany and hashManySync give crypto.hash() of each input, in order', async () => {
  const random = seededRandom(57);
  const inputs = Array.from({ length: 3000 }, () => (random.next() < 0.5 ? random.bytes(random.int(0, 300)) : randomText(random, 40)));
  for (const algorithm of NATIVE) {
    for (const encoding of ['hex', 'base64', 'buffer']) {
      const expected = inputs.map((input) => node.hash(algorithm, input, encoding));
      assert.deepEqual(hotpath.hashManySync(algorithm, inputs, encoding), expected, `${algorithm} ${encoding}`);
      assert.deepEqual(await hotpath.hashMany(algorithm, inputs, encoding), expected, `${algorithm} ${encoding} async`);
    }
  }
  assert.deepEqual(await hotpath.hashMany('sha256', []), []);
  assert.throws(() => hotpath.hashManySync('sha256', [1]), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => hotpath.hashManySync('sha256', 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('hashMany and hashManySync take the digests the addon lacks, as crypto.hash() does', async () => {
  const random = seededRandom(59);
  const inputs = Array.from({ length: 50 }, () => (random.next() < 0.5 ? random.bytes(random.int(0, 300)) : randomText(random, 40)));
  for (const algorithm of ['sha3-256', 'sha224', 'blake2b512', 'SHA3-512', 'ripemd160']) {
    for (const encoding of ['hex', 'base64', 'buffer']) {
      const expected = inputs.map((input) => node.hash(algorithm, input, encoding));
      assert.deepEqual(hotpath.hashManySync(algorithm, inputs, encoding), expected, `${algorithm} ${encoding}`);
      assert.deepEqual(await hotpath.hashMany(algorithm, inputs, encoding), expected, `${algorithm} ${encoding} async`);
    }
  }
  assertSameError(() => hotpath.hashManySync('nope', ['x']), () => node.hash('nope', 'x'), 'unknown digest');
  await assert.rejects(hotpath.hashMany('nope', ['x']), (error) => error.message === outcome(() => node.hash('nope', 'x')).error[2]);
  assert.throws(() => hotpath.hashManySync('sha3-256', [1]), { code: 'ERR_INVALID_ARG_TYPE', message: /"inputs\[0\]"/ });
});

test('hashFile and hashFiles hash files like createHash over their contents', async () => {
  const random = seededRandom(58);
  const files = [];
  for (const size of [0, 1, 1 << 20, 3 << 20]) {
    const file = path.join(tmp, `file-${size}.bin`);
    fs.writeFileSync(file, random.bytes(size));
    files.push(file);
  }
  for (const algorithm of ['sha256', 'md5', 'sha512']) {
    const expected = files.map((file) => node.createHash(algorithm).update(fs.readFileSync(file)).digest('hex'));
    assert.deepEqual(await Promise.all(files.map((file) => hotpath.hashFile(file, algorithm))), expected);
    assert.deepEqual(await hotpath.hashFiles(files, algorithm, { concurrency: 2 }), expected);
  }
});

test('a 64 MiB file hashes like createHash over it', async () => {
  const file = path.join(tmp, 'big.bin');
  fs.writeFileSync(file, Buffer.alloc(64 << 20, 7));
  assert.equal(await hotpath.hashFile(file, 'sha256', 'base64'), node.createHash('sha256').update(fs.readFileSync(file)).digest('base64'));
  fs.rmSync(file);
});

test('hashFiles rejects with fs-shaped errors for a missing file and a directory, or settles', async () => {
  const good = path.join(tmp, 'good.txt');
  fs.writeFileSync(good, 'ok');
  const missing = path.join(tmp, 'missing.txt');
  const theirs = await fs.promises.readFile(missing).catch((error) => error);
  await assert.rejects(hotpath.hashFiles([good, missing], 'sha1'), (error) => {
    for (const key of ['message', 'code', 'errno', 'syscall', 'path']) assert.equal(error[key], theirs[key], key);
    return true;
  });
  // Whether a read error names the path is the running Node's rule (Node 26 names it).
  const dirError = await fs.promises.readFile(tmp).catch((error) => error);
  const sameAsReadFile = (error) => {
    for (const key of ['message', 'code', 'errno', 'syscall', 'path']) assert.equal(error[key], dirError[key], key);
    return true;
  };
  await assert.rejects(hotpath.hashFile(tmp, 'sha1'), sameAsReadFile);
  const settled = await hotpath.hashFiles([good, missing, tmp], 'sha1', { settle: true });
  assert.deepEqual(settled.map((entry) => entry.status), ['fulfilled', 'rejected', 'rejected']);
  assert.equal(settled[0].value, node.hash('sha1', 'ok'));
  sameAsReadFile(settled[2].reason);
});
