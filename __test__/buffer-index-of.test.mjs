import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './helpers/random.mjs';

const require = createRequire(import.meta.url);
const buffer = require('hotpath/buffer');
const { NATIVE_FROM } = require('../lib/internal/buffer/index-of.js');
const { SMALL_UP_TO, smallIndexOf, NOT_SMALL } = require('../lib/internal/buffer/small-search.js');

const original = {
  indexOf: Buffer.prototype.indexOf,
  lastIndexOf: Buffer.prototype.lastIndexOf,
  includes: Buffer.prototype.includes,
};
const TAKES_END = original.indexOf.length === 4;
const ENCODINGS = [undefined, 'utf8', 'utf-8', 'UTF8', 'latin1', 'LATIN1', 'binary', 'ascii', 'hex', 'base64', 'ucs2', 'utf16le', 'nope'];

/** What a call gives: its value, or its error's class, code and message. */
function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { error: error.constructor.name, code: error.code, message: error.message };
  }
}

function assertSame(name, haystack, args) {
  const expected = outcome(() => Reflect.apply(original[name], haystack, args));
  const actual = outcome(() => buffer[name](haystack, ...args));
  assert.deepEqual(actual, expected, `${name}(${haystack?.length} bytes, ${args.map((a) => (typeof a === 'string' ? JSON.stringify(a.slice(0, 20)) : a instanceof Uint8Array ? `<${a.length} bytes>` : String(a))).join(', ')})`);
}

function randomHaystack(random) {
  const length = random.pick([0, 1, 7, 16, SMALL_UP_TO - 1, SMALL_UP_TO, SMALL_UP_TO + 1, 100, NATIVE_FROM - 1, NATIVE_FROM, NATIVE_FROM + 3, 3 * NATIVE_FROM]);
  return Buffer.from(Array.from({ length }, () => random.pick([0x61, 0x62, 0x63, 0xe9, 0x00])));
}

function randomNeedle(random, haystack) {
  const from = random.int(0, Math.max(0, haystack.length - 1));
  const piece = haystack.subarray(from, from + random.int(0, 8));
  switch (random.int(0, 5)) {
    case 0: return piece.toString('latin1');
    case 1: return piece.toString('utf8');
    case 2: return Buffer.from(piece);
    case 3: return new Uint8Array(piece);
    case 4: return random.pick([random.int(-2, 300), 97.5, -159, NaN, 2 ** 32 + 98, -0]);
    default: return random.pick(['ab', 'abc', 'é', 'cé', 'ba', '', 'zz', '\u0000a', 'a', 'aab', 'abababc']);
  }
}

function randomOffset(random, length) {
  return random.pick([
    undefined, 0, 1, -1, random.int(-length - 5, length + 5), length, -length, length + 1, 1.5, -0.5,
    NaN, null, '', 'latin1', {}, [], '3', 2 ** 31, -(2 ** 31) - 1, Infinity, -Infinity, true,
  ]);
}

function randomArguments(random, haystack) {
  const args = [randomNeedle(random, haystack), randomOffset(random, haystack.length)];
  if (TAKES_END && random.next() < 0.3) args.push(random.pick([undefined, haystack.length, 3, 'latin1', -1]));
  if (random.next() < 0.5) args.push(random.pick(ENCODINGS));
  return args;
}

test('indexOf, lastIndexOf and includes answer as the running Node does over random calls', () => {
  const random = seededRandom(2024);
  for (let round = 0; round < 12_000; round++) {
    const haystack = randomHaystack(random);
    const args = randomArguments(random, haystack);
    for (const name of ['indexOf', 'lastIndexOf', 'includes']) assertSame(name, haystack, args);
  }
});

test('small haystacks of every byte-element type, searched in JS, answer as Node does', () => {
  const random = seededRandom(64);
  const kinds = [Buffer.from, Uint8Array.from, Int8Array.from, Uint8ClampedArray.from, Uint16Array.from];
  for (let round = 0; round < 4000; round++) {
    const bytes = Array.from({ length: random.int(0, SMALL_UP_TO + 2) }, () => random.pick([0x61, 0x62, 0x0a, 0xe9, 0x00]));
    const kind = random.pick(kinds);
    const haystack = kind.call(kind === Buffer.from ? Buffer : kind === Uint8Array.from ? Uint8Array : kind === Int8Array.from ? Int8Array : kind === Uint8ClampedArray.from ? Uint8ClampedArray : Uint16Array, bytes);
    const needle = random.pick(['a', 'b', 'ab', 'ba', 'aab', 'abab', '\n', 'aaaaaaaab', 0x61, 0x0a, 0xe9, -23, 'é', '']);
    const args = [needle, randomOffset(random, bytes.length)];
    if (random.next() < 0.3) args.push(random.pick(ENCODINGS));
    for (const name of ['indexOf', 'lastIndexOf', 'includes']) assertSame(name, haystack, args);
  }
});

test('plain ASCII searches in up to 64 bytes are answered in JS, not handed to Node', () => {
  const random = seededRandom(65);
  let answered = 0;
  for (let round = 0; round < 2000; round++) {
    const haystack = Buffer.from(Array.from({ length: random.int(0, SMALL_UP_TO) }, () => random.pick([0x61, 0x62, 0x20])));
    const needle = random.pick(['a', ' ', 'ab', 'b a', 0x61, 0x20, 98.7]);
    const offset = random.pick([undefined, 0, 3, -5, 70, -70]);
    const encoding = random.pick([undefined, 'utf8', 'latin1']);
    const found = smallIndexOf(haystack, needle, offset, encoding);
    assert.notEqual(found, NOT_SMALL, `${JSON.stringify(needle)} in ${haystack.length} bytes`);
    assert.equal(found, original.indexOf.call(haystack, needle, offset, encoding));
    answered++;
  }
  assert.equal(answered, 2000);
});

test('a needle that keeps almost matching a small haystack is handed to Node and still found right', () => {
  const haystack = Buffer.from(`${'a'.repeat(60)}ab`);
  const needle = `${'a'.repeat(30)}b`;
  assert.equal(smallIndexOf(haystack, needle), NOT_SMALL);
  assertSame('indexOf', haystack, [needle]);
  assertSame('includes', haystack, [needle]);
});

test('big haystacks with the needle near either end, in the middle and absent', () => {
  const haystack = Buffer.alloc(1 << 20, 'abcdefgh');
  haystack.write('NEEDLE', 3);
  haystack.write('NEEDLE', haystack.length >> 1);
  haystack.write('NEEDLE', haystack.length - 6);
  for (const needle of ['NEEDLE', Buffer.from('NEEDLE'), 'missing', 'hab', 'abcdefgha']) {
    for (const offset of [undefined, 0, 4, -6, -7, haystack.length >> 1, (haystack.length >> 1) + 1, haystack.length - 6]) {
      for (const name of ['indexOf', 'lastIndexOf', 'includes']) assertSame(name, haystack, [needle, offset]);
    }
  }
});

test('an adversarial needle is answered in linear time', () => {
  const haystack = Buffer.from('a'.repeat(1 << 20));
  const needle = `${'a'.repeat(4000)}b`;
  assert.equal(buffer.indexOf(haystack, needle), -1);
  assert.equal(buffer.includes(haystack, Buffer.from(needle)), false);
});

test('a plain Uint8Array haystack and non-buffer receivers behave as in Node', () => {
  const plain = new Uint8Array(Buffer.alloc(NATIVE_FROM * 2, 'xyz'));
  assertSame('indexOf', plain, ['zx']);
  assertSame('lastIndexOf', plain, ['zx']);
  for (const receiver of [undefined, null, 'text', [1, 2], {}]) assertSame('indexOf', receiver, ['a']);
});

test('includes over a plain Uint8Array answers as Buffer.prototype.includes.call does, at every haystack size', () => {
  // Node 20/22's includes() asks the receiver's own indexOf (a Uint8Array's looks for
  // one element), 24+ searches the bytes: the rule must hold past the native threshold too.
  const random = seededRandom(321);
  for (const size of [1, 16, 63, 64, 65, 1000, NATIVE_FROM - 1, NATIVE_FROM, NATIVE_FROM * 4, 1 << 16]) {
    for (let i = 0; i < 8; i++) {
      const plain = new Uint8Array(size);
      const needle = random.pick(['hi', 'h', Buffer.from('hi'), 104, 'zz']);
      if (size >= 2 && random.next() < 0.7) plain.set([104, 105], random.int(0, size - 2));
      assertSame('includes', plain, [needle]);
      buffer.install();
      try {
        assert.equal(Buffer.prototype.includes.call(plain, needle), original.includes.call(plain, needle), `installed, ${size} bytes`);
      } finally {
        buffer.uninstall();
      }
    }
  }
});

test('install() puts the functions on Buffer.prototype and uninstall() restores the originals', () => {
  buffer.install();
  try {
    const big = Buffer.alloc(NATIVE_FROM * 4, 'lorem ipsum ');
    assert.notEqual(Buffer.prototype.indexOf, original.indexOf);
    assert.equal(big.indexOf('ipsum lorem'), Reflect.apply(original.indexOf, big, ['ipsum lorem']));
    assert.equal(big.lastIndexOf('ipsum'), Reflect.apply(original.lastIndexOf, big, ['ipsum']));
    assert.equal(big.includes('sum lo'), true);
    for (const name of ['indexOf', 'lastIndexOf', 'includes']) {
      assert.equal(Buffer.prototype[name].name, name);
      assert.equal(Buffer.prototype[name].length, original[name].length);
    }
  } finally {
    buffer.uninstall();
  }
  for (const name of ['indexOf', 'lastIndexOf', 'includes']) assert.equal(Buffer.prototype[name], original[name]);
});

test('installed methods called with new throw what Node\'s throw', () => {
  const nodeErrors = ['indexOf', 'lastIndexOf', 'includes'].map((name) => outcome(() => Reflect.construct(original[name], ['a'])));
  buffer.install();
  let ours;
  try {
    ours = ['indexOf', 'lastIndexOf', 'includes'].map((name) => outcome(() => Reflect.construct(Buffer.prototype[name], ['a'])));
  } finally {
    buffer.uninstall();
  }
  assert.deepEqual(ours, nodeErrors);
});

test('long needles over a long haystack that never repeats give Node\'s answers', () => {
  // Words chosen by the parity of each index's set bits (a Thue–Morse sequence): every
  // stretch looks like many others, which is hard on search algorithms.
  const words = [];
  for (let i = 0; i < 300_000; i++) {
    let bits = 0;
    for (let n = i; n > 0; n &= n - 1) bits++;
    words.push(bits % 2 === 0 ? 'tick' : 'tock');
  }
  const haystack = Buffer.from(words.join(' '));
  for (const [from, to] of [[0, 30_000], [30_000, 60_000], [0, 300_000], [5, 17], [100_000, 100_400]]) {
    const needle = haystack.subarray(from, to);
    for (const offset of [undefined, 500_000, 1_000_000, -1, -700_000]) {
      for (const name of ['indexOf', 'lastIndexOf', 'includes']) assertSame(name, haystack, [needle, offset]);
      assertSame('lastIndexOf', haystack, [needle.toString('latin1'), offset, 'latin1']);
    }
  }
});

test('a UTF-16 search in a haystack at an odd address answers as at an even one, where Node may never return', () => {
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('./helpers/utf16-odd-address.mjs', import.meta.url))], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(child.error, undefined, 'the searches did not finish in 60 s');
  assert.equal(child.status, 0, child.stderr);
  const { calls, failed, failures } = JSON.parse(child.stdout);
  assert.equal(calls, 18_000);
  assert.deepEqual({ failed, failures }, { failed: 0, failures: [] });
});

test('a UTF-8 needle with a lone surrogate gets the running Node\'s answer (Node 24, which aborts, gets 26\'s)', () => {
  // Generalized UTF-8 of U+DFFF (ED BF BF, what Node 20 and 22 search for) and its
  // replacement's UTF-8 (EF BF BD, what Node 26 searches for), in a haystack big
  // enough for the native search and in a small one.
  for (const pad of [5000, 10]) {
    const haystack = Buffer.concat([Buffer.alloc(pad, 'x'), Buffer.from([0x61, 0xed, 0xbf, 0xbf, 0x62]), Buffer.from('a\ufffdb')]);
    const wtf8 = pad + 1;
    const replaced = pad + 6;
    const major = Number(process.versions.node.split('.')[0]);
    const expected = major <= 22 ? wtf8 : replaced;
    assert.equal(buffer.indexOf(haystack, '\udfff'), expected);
    assert.equal(buffer.indexOf(haystack, 'a\udfffb'), expected - 1);
    assert.equal(buffer.lastIndexOf(haystack, '\udfff'), expected);
    assert.equal(buffer.includes(haystack, '\udfff', 0, ...(major >= 24 ? [undefined] : []), 'utf8'), true);
    if (major !== 24) assert.equal(haystack.indexOf('a\udfffb'), expected - 1, 'the built-in agrees');
  }
});
