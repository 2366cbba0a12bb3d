// crypto benchmarks: hotpath/crypto vs node:crypto and hash-wasm, same inputs, one process.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import node from 'node:crypto';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/crypto');
const hashWasm = require('hash-wasm');

const WASM_FACTORIES = { sha256: 'createSHA256', sha1: 'createSHA1', md5: 'createMD5', sha512: 'createSHA512' };
const nodePbkdf2 = promisify(node.pbkdf2);
// On the Nodes whose OpenSSL PBKDF2 beats ring's, hotpath's pbkdf2 is Node's own.
const { SHA256 } = require('../lib/internal/crypto/algorithms.js');
const PBKDF2_NOTE = require('../lib/internal/crypto/kdf.js').NATIVE_DIGESTS.has(SHA256) ? '' : "hotpath's is Node's own function";
const hotpathPbkdf2 = promisify(hotpath.pbkdf2);

function sizeLabel(bytes) {
  return bytes >= 1 << 20 ? `${bytes >> 20} MiB` : bytes >= 1024 ? `${bytes >> 10} KiB` : `${bytes} B`;
}

async function chainCase(algorithm, bytes) {
  const data = node.randomBytes(bytes);
  const wasm = await hashWasm[WASM_FACTORIES[algorithm]]();
  const long = bytes >= 1 << 20 ? { rounds: 5, minSamples: 3 } : {};
  return {
    name: `${algorithm} createHash().update().digest('hex')`,
    bytes,
    ...long,
    builtin: () => node.createHash(algorithm).update(data).digest('hex'),
    hotpath: () => hotpath.createHash(algorithm).update(data).digest('hex'),
    peers: { 'hash-wasm': () => wasm.init().update(data).digest('hex') },
  };
}

let tempDir = null;

export default {
  module: 'crypto',
  async cases() {
    const cases = [];
    for (const algorithm of ['sha256', 'sha1', 'md5', 'sha512']) {
      for (const bytes of [64, 1024, 64 << 10, 16 << 20]) cases.push(await chainCase(algorithm, bytes));
    }
    const key = node.randomBytes(32);
    const message = node.randomBytes(64);
    const wasmHmac = await hashWasm.createHMAC(hashWasm.createSHA256(), key);
    cases.push({
      name: 'hmac-sha256, createHmac chain',
      bytes: 64,
      builtin: () => node.createHmac('sha256', key).update(message).digest('hex'),
      hotpath: () => hotpath.createHmac('sha256', key).update(message).digest('hex'),
      peers: { 'hash-wasm': () => wasmHmac.init().update(message).digest('hex') },
    });
    cases.push({
      name: 'hmac-sha256, hotpath hmac() one-shot',
      bytes: 64,
      builtinName: 'createHmac chain',
      builtin: () => node.createHmac('sha256', key).update(message).digest('hex'),
      hotpath: () => hotpath.hmac('sha256', key, message),
    });
    cases.push({
      name: 'pbkdf2Sync sha256, 100k iterations',
      unit: 'ops/s',
      rounds: 3,
      minSamples: 2,
      builtin: () => node.pbkdf2Sync('password', 'salt', 100000, 32, 'sha256'),
      hotpath: () => hotpath.pbkdf2Sync('password', 'salt', 100000, 32, 'sha256'),
      note: PBKDF2_NOTE,
    });
    cases.push({
      name: '8 concurrent pbkdf2 sha256 100k, vs pbkdf2Sync loop',
      note: PBKDF2_NOTE,
      unit: 'ops/s',
      rounds: 3,
      minSamples: 2,
      builtinName: 'pbkdf2Sync ×8',
      builtin: () => Array.from({ length: 8 }, (_, i) => node.pbkdf2Sync('password', `salt${i}`, 100000, 32, 'sha256')),
      hotpath: () => Promise.all(Array.from({ length: 8 }, (_, i) => hotpathPbkdf2('password', `salt${i}`, 100000, 32, 'sha256'))),
      peers: {
        'node pbkdf2 ×8': () => Promise.all(Array.from({ length: 8 }, (_, i) => nodePbkdf2('password', `salt${i}`, 100000, 32, 'sha256'))),
      },
    });
    const hashManyCase = (count, size, inputs, when = '') => ({
      name: `hashMany sha256, ${count.toLocaleString('en-US')} × ${sizeLabel(size)}${when}`,
      bytes: count * size,
      rounds: 5,
      minSamples: 3,
      builtinName: 'crypto.hash() loop',
      builtin: () => inputs.map((input) => node.hash('sha256', input)),
      hotpath: () => hotpath.hashMany('sha256', inputs),
      peers: { hashManySync: () => hotpath.hashManySync('sha256', inputs) },
    });
    const smallInputs = Array.from({ length: 100000 }, () => node.randomBytes(64));
    cases.push(hashManyCase(100000, 64, smallInputs));
    cases.push(hashManyCase(10000, 1024, Array.from({ length: 10000 }, () => node.randomBytes(1024))));
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-crypto-bench-'));
    const files = Array.from({ length: 200 }, (_, i) => {
      const file = path.join(tempDir, `f${i}.bin`);
      fs.writeFileSync(file, node.randomBytes(1 << 20));
      return file;
    });
    const streamHash = (file) =>
      new Promise((resolve, reject) => {
        const hash = node.createHash('sha256');
        fs.createReadStream(file)
          .on('error', reject)
          .pipe(hash)
          .on('finish', () => resolve(hash.digest('hex')));
      });
    cases.push({
      name: 'hashFiles sha256, 200 × 1 MiB',
      bytes: 200 << 20,
      rounds: 5,
      minSamples: 2,
      builtinName: 'createReadStream→createHash, Promise.all',
      builtin: () => Promise.all(files.map(streamHash)),
      hotpath: () => hotpath.hashFiles(files, 'sha256'),
    });
    // Again after every other row (the createHash chains, the 16 MiB digests, pbkdf2):
    // a process that has done other crypto work first, as a real one has.
    cases.push(hashManyCase(100000, 64, smallInputs, ', after every other row'));
    return cases;
  },
  teardown() {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  },
};
