// hotpath/crypto's Hash and Hmac against node:crypto: digests over random splits, encodings,
// views, piping, copy(), the hand-over to Node's objects, and Node's errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import node from 'node:crypto';
import { seededRandom, randomText, randomPieces } from './helpers/random.mjs';
import { assertSameError } from './helpers/errors.mjs';
import { NATIVE } from './helpers/crypto.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/crypto');
const { NAMES } = require('../lib/internal/crypto/algorithms.js');
const { ONE_SHOT_UP_TO, HAS_NODE_ONE_SHOT } = require('../lib/internal/crypto/hash.js');
const { HAND_OVER_AT } = require('../lib/internal/crypto/buffered-input.js');

const OUTPUT_ENCODINGS = ['hex', 'HEX', 'base64', 'base64url', 'latin1', 'binary', 'utf8', 'ucs2', 'utf16le', 'ascii', 'buffer', undefined, '', null, 'nope'];
const INPUT_ENCODINGS = ['utf8', 'hex', 'base64', 'latin1', 'ucs2', 'ascii', undefined, 'nope'];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-crypto-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// Float16Array exists on Node 24+; a view of it is bytes like any other.
const VIEW_KINDS = [Uint8Array, Int8Array, Uint16Array, Uint32Array, Float64Array, DataView];
if (typeof Float16Array === 'function') VIEW_KINDS.push(Float16Array);

function views(bytes, random) {
  const Kind = random.pick(VIEW_KINDS);
  const width = Kind.BYTES_PER_ELEMENT || 1;
  const usable = bytes.length - (bytes.length % width);
  const copy = new ArrayBuffer(usable);
  new Uint8Array(copy).set(bytes.subarray(0, usable));
  return Kind === DataView ? new DataView(copy) : new Kind(copy);
}

test('every alias hotpath treats as native is one Node accepts, in any case, with the same digest', () => {
  for (const names of Object.values(NAMES)) {
    const canonical = node.createHash(names[0]).update('x').digest('hex');
    for (const name of names) {
      for (const spelled of [name, name.toUpperCase(), name[0].toUpperCase() + name.slice(1)]) {
        assert.equal(hotpath.createHash(spelled).update('x').digest('hex'), canonical, spelled);
        assert.equal(node.createHash(spelled).update('x').digest('hex'), canonical, spelled);
      }
    }
  }
});

const native = require('../binding.js');

/** How many native digests (hashBytes/hmacBytes calls) `fn` makes. */
/** How many one-call digests `fn` made: the addon's, and Node's crypto.hash(). */
function nativeDigests(fn) {
  const saved = { hashBytes: native.hashBytes, hmacBytes: native.hmacBytes };
  const nodeHash = node.hash;
  let calls = 0;
  for (const name of Object.keys(saved)) {
    native[name] = (...args) => {
      calls++;
      return saved[name](...args);
    };
  }
  node.hash = (...args) => {
    calls++;
    return nodeHash(...args);
  };
  try {
    fn();
  } finally {
    Object.assign(native, saved);
    node.hash = nodeHash;
  }
  return calls;
}

// A message no longer than every native algorithm's hand-over size is digested
// natively; one whose first 150 bytes arrive in small pieces and which then passes
// every hand-over size crosses with bytes buffered.
// What a Hmac buffers (then digests natively) and a Hash buffers (then digests with
// Node's crypto.hash() where the running Node has it).
const ALWAYS_NATIVE = Math.min(...Object.values(HAND_OVER_AT));
const ALWAYS_HANDED_OVER = Math.max(...Object.values(HAND_OVER_AT)) + 1;
const HASH_BUFFERS_UP_TO = HAS_NODE_ONE_SHOT ? ONE_SHOT_UP_TO : ALWAYS_NATIVE;
const HASH_HANDED_OVER_FROM = HAS_NODE_ONE_SHOT ? ONE_SHOT_UP_TO + 1 : ALWAYS_HANDED_OVER;

function randomHashCase(random) {
  const kind = random.pick(['native', 'native', 'native', 'crossing', 'crossing', 'large']);
  const algorithm = kind === 'large' ? random.pick([...NATIVE, 'sha224', 'sha3-256', 'RSA-SHA256', 'SHA-512/256']) : random.pick(NATIVE);
  const key = random.next() < 0.3 ? random.bytes(random.int(0, 200)) : null;
  const [buffersUpTo, handedOverFrom] = key === null ? [HASH_BUFFERS_UP_TO, HASH_HANDED_OVER_FROM] : [ALWAYS_NATIVE, ALWAYS_HANDED_OVER];
  const cut = (size, maxPiece) => randomPieces(random, random.bytes(size), maxPiece);
  let pieces;
  if (kind === 'native') pieces = cut(random.int(0, random.pick([ALWAYS_NATIVE, buffersUpTo])), random.pick([1, 8, 64, ALWAYS_NATIVE]));
  // Views over odd-length pieces may drop a byte each (Uint16Array), hence the margin.
  else if (kind === 'crossing') pieces = [...cut(random.int(1, 150), 50), ...cut(random.int(handedOverFrom + 2000, handedOverFrom + 7000), random.pick([64, 1000, 9000]))];
  else pieces = cut(random.pick([500, 4096, 4097, random.int(0, 100000)]), 9000);
  return { kind, algorithm, pieces, key };
}

test('digests match node:crypto for random update splits, most in one digest call, many crossing the hand-over with bytes buffered', () => {
  const random = seededRandom(51);
  const seen = { native: 0, nativeWithSeveralUpdates: 0, crossedWithBytesBuffered: 0, hmac: 0 };
  for (let i = 0; i < 1500; i++) {
    const { kind, algorithm, pieces, key } = randomHashCase(random);
    const make = (crypto) => (key === null ? crypto.createHash(algorithm) : crypto.createHmac(algorithm, key));
    const encoding = random.pick(OUTPUT_ENCODINGS);
    const ours = make(hotpath);
    const theirs = make(node);
    const label = `${key === null ? 'hash' : 'hmac'} ${algorithm} ${kind} [${pieces.map((piece) => piece.length)}] ${encoding}`;
    let ourDigest;
    const calls = nativeDigests(() => {
      for (const piece of pieces) {
        const input = random.next() < 0.3 ? views(piece, random) : piece;
        ours.update(input);
        theirs.update(input);
      }
      ourDigest = ours.digest(encoding);
    });
    assert.deepEqual(ourDigest, theirs.digest(encoding), label);
    if (kind === 'native') {
      assert.equal(calls, 1, `${label}: one digest call`);
      seen.native++;
      if (pieces.length > 1) seen.nativeWithSeveralUpdates++;
    } else if (kind === 'crossing') {
      assert.equal(calls, 0, `${label}: Node's object took over`);
      seen.crossedWithBytesBuffered++;
    }
    if (key !== null) seen.hmac++;
  }
  assert.ok(seen.native >= 600, JSON.stringify(seen));
  assert.ok(seen.nativeWithSeveralUpdates >= 400, JSON.stringify(seen));
  assert.ok(seen.crossedWithBytesBuffered >= 400, JSON.stringify(seen));
  assert.ok(seen.hmac >= 300, JSON.stringify(seen));
});

test('copy() of a buffering Hash, then the hand-over on either side, gives Node\'s digests', () => {
  const random = seededRandom(57);
  for (const algorithm of NATIVE) {
    for (let round = 0; round < 20; round++) {
      const head = random.bytes(random.int(0, 150));
      const [a, b, c] = [random.int(0, 50), random.int(ALWAYS_HANDED_OVER, 3000), random.int(0, 3000)].map((n) => random.bytes(n));
      const ours = hotpath.createHash(algorithm).update(head);
      const theirs = node.createHash(algorithm).update(head);
      const [ourCopy, theirCopy] = [ours.copy(), theirs.copy()];
      // The copy crosses; the original stays native, then crosses after a copy of its own.
      ourCopy.update(b);
      theirCopy.update(b);
      ours.update(a);
      theirs.update(a);
      const [ourSecond, theirSecond] = [ours.copy(), theirs.copy()];
      ours.update(c).update(b);
      theirs.update(c).update(b);
      const label = `${algorithm} round ${round}`;
      assert.equal(ourCopy.copy().digest('hex'), theirCopy.copy().digest('hex'), `${label} copy of the crossed copy`);
      assert.equal(ourCopy.digest('base64'), theirCopy.digest('base64'), `${label} copy`);
      assert.equal(ourSecond.digest('hex'), theirSecond.digest('hex'), `${label} second copy`);
      assert.equal(ours.digest('hex'), theirs.digest('hex'), `${label} original`);
    }
  }
});

test('string input in every encoding hashes as in node:crypto', () => {
  const random = seededRandom(52);
  for (let i = 0; i < 600; i++) {
    const algorithm = random.pick(NATIVE);
    let text = randomText(random, random.int(0, 300));
    const encoding = random.pick(INPUT_ENCODINGS);
    if (encoding === 'hex') text = random.bytes(random.int(0, 100)).toString('hex');
    if (encoding === 'base64') text = random.bytes(random.int(0, 100)).toString('base64');
    assert.equal(
      hotpath.createHash(algorithm).update(text, encoding).update('tail').digest('base64'),
      node.createHash(algorithm).update(text, encoding).update('tail').digest('base64'),
      `${algorithm} ${encoding} ${JSON.stringify(text)}`,
    );
  }
});

test('copy() mid-stream gives an independent hash, before and after large input', () => {
  for (const algorithm of NATIVE) {
    for (const size of [10, 100000]) {
      const ours = hotpath.createHash(algorithm).update(Buffer.alloc(size, 1));
      const theirs = node.createHash(algorithm).update(Buffer.alloc(size, 1));
      const ourCopy = ours.copy();
      const theirCopy = theirs.copy();
      ours.update('more');
      theirs.update('more');
      assert.equal(ourCopy.digest('hex'), theirCopy.digest('hex'), `${algorithm} ${size} copy`);
      assert.equal(ours.digest('hex'), theirs.digest('hex'), `${algorithm} ${size} original`);
      assert.throws(() => ours.copy(), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
    }
  }
});

test('a Hash is a Transform: piped input gives the digest, and digest() returns it once', async () => {
  const file = path.join(tmp, 'pipe.bin');
  fs.writeFileSync(file, seededRandom(53).bytes(300000));
  for (const algorithm of ['sha256', 'md5', 'sha224']) {
    const hash = hotpath.createHash(algorithm);
    assert.ok(hash instanceof Transform);
    const chunks = [];
    hash.on('data', (chunk) => chunks.push(chunk));
    await pipeline(fs.createReadStream(file, { highWaterMark: 1000 }), hash);
    const expected = node.createHash(algorithm).update(fs.readFileSync(file)).digest();
    assert.deepEqual(Buffer.concat(chunks), expected, algorithm);
    assert.equal(hash.digest('hex'), expected.toString('hex'));
    assert.throws(() => hash.digest(), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  }
});

test('an Hmac piped like Node gives the MAC, then an empty digest()', async () => {
  for (const algorithm of ['sha256', 'sha224']) {
    async function run(crypto) {
      const mac = crypto.createHmac(algorithm, 'key');
      const chunks = [];
      mac.on('data', (chunk) => chunks.push(chunk));
      await pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), mac);
      return [Buffer.concat(chunks).toString('hex'), mac.digest('hex'), mac.digest()];
    }
    assert.deepEqual(await run(hotpath), await run(node), algorithm);
  }
});

test('HMAC matches node:crypto for keys of every kind and size and random messages', () => {
  const random = seededRandom(54);
  for (let i = 0; i < 800; i++) {
    const algorithm = random.pick([...NATIVE, 'sha224', 'RSA-SHA1']);
    const keyBytes = random.bytes(random.pick([0, 1, 16, 63, 64, 65, 127, 128, 129, 300]));
    const key = random.pick([
      keyBytes, keyBytes.toString('latin1'), views(keyBytes, random), new Uint8Array(keyBytes).buffer,
      node.createSecretKey(keyBytes),
    ]);
    const message = random.bytes(random.pick([0, 5, 64, 600, 5000]));
    const encoding = random.pick(OUTPUT_ENCODINGS);
    assert.deepEqual(
      hotpath.createHmac(algorithm, key).update(message).digest(encoding),
      node.createHmac(algorithm, key).update(message).digest(encoding),
      `${algorithm} key ${keyBytes.length} message ${message.length} ${encoding}`,
    );
  }
});

test('string HMAC keys honour options.encoding like Node', () => {
  for (const encoding of ['hex', 'base64', 'latin1', undefined]) {
    const key = encoding === 'hex' ? 'abcdef0123' : 'a key';
    assert.equal(
      hotpath.createHmac('sha256', key, { encoding }).update('m').digest('hex'),
      node.createHmac('sha256', key, { encoding }).update('m').digest('hex'),
      String(encoding),
    );
  }
});

test('a second Hmac digest() is empty, in the asked-for form', () => {
  for (const encoding of ['hex', 'base64', undefined, 'buffer']) {
    const ours = hotpath.createHmac('sha1', 'k');
    const theirs = node.createHmac('sha1', 'k');
    ours.digest();
    theirs.digest();
    assert.deepEqual(ours.digest(encoding), theirs.digest(encoding), String(encoding));
  }
});

test('bad arguments throw what node:crypto throws', () => {
  const cases = [
    ['createHash nope', (c) => c.createHash('nope')],
    ['createHash 1', (c) => c.createHash(1)],
    ['createHash outputLength 5', (c) => c.createHash('sha256', { outputLength: 5 })],
    ['createHash outputLength -1', (c) => c.createHash('shake128', { outputLength: -1 })],
    ['update 1', (c) => c.createHash('sha256').update(1)],
    ['update odd hex', (c) => c.createHash('sha256').update('abc', 'hex')],
    ['update after digest', (c) => { const h = c.createHash('md5'); h.digest(); h.update('x'); }],
    ['digest twice', (c) => { const h = c.createHash('sha1'); h.digest(); h.digest(); }],
    ['createHmac nope', (c) => c.createHmac('nope', 'k')],
    ['createHmac key 1', (c) => c.createHmac('sha256', 1)],
    ['createHmac null', (c) => c.createHmac(null, 'k')],
    ['hmac update null', (c) => c.createHmac('sha256', 'k').update(null)],
    ['pbkdf2Sync bad digest', (c) => c.pbkdf2Sync('p', 's', 1, 32, 'md55')],
    ['pbkdf2Sync 0 iterations', (c) => c.pbkdf2Sync('p', 's', 0, 32, 'sha1')],
    ['pbkdf2Sync keylen -1', (c) => c.pbkdf2Sync('p', 's', 1, -1, 'sha1')],
    ['pbkdf2Sync no digest', (c) => c.pbkdf2Sync('p', 's', 1, 32)],
    ['pbkdf2Sync password 1', (c) => c.pbkdf2Sync(1, 's', 1, 32, 'sha256')],
    ['pbkdf2 no callback', (c) => c.pbkdf2('p', 's', 1, 32, 'sha1')],
    ['pbkdf2 bad digest', (c) => c.pbkdf2('p', 's', 1, 32, 'md55', () => {})],
  ];
  for (const [label, call] of cases) assertSameError(() => call(hotpath), () => call(node), label);
});

test('Hash and Hmac are callable without new and are what createHash/createHmac return', () => {
  assert.ok(hotpath.Hash('sha256') instanceof hotpath.Hash);
  assert.ok(hotpath.Hmac('sha256', 'k') instanceof hotpath.Hmac);
  assert.ok(hotpath.createHash('md5') instanceof hotpath.Hash);
  assert.deepEqual(Object.keys(hotpath.createHash('sha256')), Object.keys(node.createHash('sha256')));
});

test('a Hash or Hmac used as a writable stream hashes string chunks as UTF-8, as node:crypto does', () => {
  for (const make of [(crypto) => crypto.createHash('sha256'), (crypto) => crypto.createHmac('sha1', 'key')]) {
    const streamed = (crypto, options) => {
      const hash = options ? crypto.createHash('md5', options) : make(crypto);
      hash.write('öäü');
      hash.end('Test123');
      return { digest: hash.read().toString('hex'), defaultEncoding: hash._writableState.defaultEncoding };
    };
    assert.deepEqual(streamed(hotpath), streamed(node));
    assert.deepEqual(streamed(hotpath, { defaultEncoding: 'latin1' }), streamed(node, { defaultEncoding: 'latin1' }));
  }
});

test("update(string, 'buffer') hashes the string's UTF-8, as node:crypto does", () => {
  for (const text of ['öäü', 'plain', '日本😀']) {
    assert.equal(hotpath.createHash('sha1').update(text, 'buffer').digest('hex'), node.createHash('sha1').update(text, 'buffer').digest('hex'));
    assert.equal(hotpath.createHmac('md5', 'k').update(text, 'buffer').digest('hex'), node.createHmac('md5', 'k').update(text, 'buffer').digest('hex'));
  }
});

test('calling the Hash and Hmac constructors warns once where the running Node warns (DEP0179, DEP0181 on 22+)', async () => {
  const { spawnSync } = await import('node:child_process');
  const warningsOf = (module) => {
    const script = `
      const crypto = require(${JSON.stringify(module)});
      const seen = [];
      process.on('warning', (w) => seen.push([w.name, w.code, w.message]));
      crypto.Hash('sha256'); new crypto.Hash('sha1'); crypto.Hmac('sha256', 'k'); new crypto.Hmac('md5', 'k');
      crypto.createHash('sha256'); crypto.createHmac('sha256', 'k');
      const hash = new crypto.Hash('sha256');
      setImmediate(() => console.log(JSON.stringify({ seen, instance: hash instanceof crypto.Hash, name: crypto.Hash.name })));
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout);
  };
  assert.deepEqual(warningsOf(require.resolve('hotpath/crypto')), warningsOf('node:crypto'));
});

test('Float16Array input hashes as its bytes where the running Node has it', { skip: typeof Float16Array === 'undefined' }, () => {
  const halves = new Float16Array([1, 2.5, -0, 65504, 0.1, NaN]);
  for (const algorithm of NATIVE) {
    assert.equal(hotpath.createHash(algorithm).update(halves).digest('hex'), node.createHash(algorithm).update(halves).digest('hex'), algorithm);
    assert.equal(hotpath.createHmac(algorithm, halves).update(halves).digest('hex'), node.createHmac(algorithm, halves).update(halves).digest('hex'), `hmac ${algorithm}`);
  }
});
