import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { seededRandom, randomPieces } from './helpers/random.mjs';
import { runWithoutAddon } from './helpers/without-addon.mjs';

const require = createRequire(import.meta.url);
const buffer = require('hotpath/buffer');
const builtin = require('node:buffer');
const { count, indexOfAll, split, indexOfAny, Searcher } = buffer;

/** The definition: leftmost, non-overlapping, with Buffer#indexOf as the search. */
function referencePositions(haystack, needle, from = 0, to = haystack.length) {
  const within = haystack.subarray(from, to);
  const found = [];
  for (let at = within.indexOf(needle); at !== -1; at = within.indexOf(needle, at + needle.length)) {
    found.push(from + at);
    if (at + needle.length > within.length) break;
  }
  return found;
}

function smallAlphabet(random, length, letters) {
  return Buffer.from(Array.from({ length }, () => 97 + random.int(0, letters - 1)));
}

test('every export of node:buffer is the built-in\'s own', () => {
  for (const name of Reflect.ownKeys(builtin)) {
    assert.deepEqual(Object.getOwnPropertyDescriptor(buffer, name), Object.getOwnPropertyDescriptor(builtin, name), String(name));
  }
});

test('count and indexOfAll find what a Buffer#indexOf loop finds', () => {
  const random = seededRandom(14);
  for (let round = 0; round < 3000; round++) {
    const haystack = smallAlphabet(random, random.int(0, 400), random.int(1, 3));
    const needle = smallAlphabet(random, random.int(1, 6), 2);
    const expected = referencePositions(haystack, needle);
    assert.deepEqual([...indexOfAll(haystack, needle)], expected);
    assert.equal(count(haystack, needle), expected.length);
  }
});

test('start and end cut the range as subarray(start, end) does, positions stay absolute', () => {
  const random = seededRandom(41);
  for (let round = 0; round < 2000; round++) {
    const haystack = smallAlphabet(random, random.int(0, 120), 2);
    const needle = smallAlphabet(random, random.int(1, 3), 2);
    const start = random.int(-150, 150);
    const end = random.int(-150, 150);
    const view = haystack.subarray(start, end);
    const from = view.length === 0 ? 0 : view.byteOffset - haystack.byteOffset;
    const expected = referencePositions(haystack, needle, from, from + view.length);
    assert.deepEqual([...indexOfAll(haystack, needle, start, end)], expected, `${start}..${end}`);
    assert.equal(count(haystack, needle, start, end), expected.length);
  }
});

test('a needle may be a byte, a string in any encoding, or a Uint8Array', () => {
  const haystack = Buffer.from('aé,bé,cé', 'latin1');
  assert.equal(count(haystack, 0xe9), 3);
  assert.equal(count(haystack, 'é,', 'latin1'), 2);
  assert.equal(count(haystack, 'é,'), 0, 'utf8 by default');
  assert.equal(count(haystack, new Uint8Array([0xe9, 0x2c])), 2);
  assert.equal(count(haystack, '6Sw=', 0, undefined, 'base64'), 2);
  assert.deepEqual([...indexOfAll(haystack, 'e92c', 'hex')], [1, 4]);
});

test('a frequent byte is counted over a big buffer', () => {
  const text = Buffer.from('line of text\n'.repeat(100_000));
  assert.equal(count(text, '\n'), 100_000);
  assert.equal(indexOfAll(text, '\n').length, 100_000);
});

test('an adversarial needle is found in linear time', () => {
  const haystack = Buffer.from('a'.repeat(1_000_000) + 'a'.repeat(3999) + 'b');
  const needle = Buffer.from('a'.repeat(4000) + 'b');
  const started = process.hrtime.bigint();
  assert.deepEqual([...indexOfAll(haystack, needle)], [haystack.length - needle.length]);
  assert.ok(process.hrtime.bigint() - started < 2_000_000_000n);
});

test('split gives views between separators, as String#split gives strings', () => {
  const random = seededRandom(7);
  for (let round = 0; round < 1000; round++) {
    const text = smallAlphabet(random, random.int(0, 60), 3).toString('latin1');
    const separator = smallAlphabet(random, random.int(1, 2), 3).toString('latin1');
    const limit = random.next() < 0.3 ? random.int(0, 5) : undefined;
    const pieces = split(Buffer.from(text, 'latin1'), separator, limit, 'latin1');
    assert.deepEqual(pieces.map((piece) => piece.toString('latin1')), text.split(separator, limit), `${text} / ${separator}`);
  }
});

test('split pieces share the buffer\'s memory', () => {
  const source = Buffer.from('a,b');
  const [first] = split(source, ',');
  first[0] = 0x7a;
  assert.equal(source.toString(), 'z,b');
});

test('indexOfAny finds the first of up to three bytes, of many bytes, or of several needles', () => {
  const text = Buffer.from('name: value; other = thing\r\n');
  assert.equal(indexOfAny(text, [0x3a]), 4);
  assert.equal(indexOfAny(text, [0x3d, 0x3b]), 11);
  assert.equal(indexOfAny(text, [0x0d, 0x0a, 0x3d], 12), 19);
  assert.equal(indexOfAny(text, Buffer.from('\r\n=;:'), 5), 11);
  assert.equal(indexOfAny(text, ['thing', 'other', 'value']), 6);
  assert.equal(indexOfAny(text, ['oth', 'other']), 13, 'at one position the first listed wins');
  assert.equal(indexOfAny(text, ['missing', '#']), -1);
  assert.equal(indexOfAny(text, [0x23]), -1);
});

test('indexOfAny over random inputs matches the smallest indexOf of its candidates', () => {
  const random = seededRandom(3);
  for (let round = 0; round < 1000; round++) {
    const haystack = smallAlphabet(random, random.int(0, 80), 4);
    const start = random.int(0, 90);
    const needles = Array.from({ length: random.int(1, 5) }, () => smallAlphabet(random, random.int(1, 3), 4));
    const expected = Math.min(...needles.map((needle) => {
      const at = haystack.indexOf(needle, start);
      return at === -1 || start >= haystack.length ? Infinity : at;
    }));
    assert.equal(indexOfAny(haystack, needles, start), expected === Infinity ? -1 : expected);
  }
});

test('a Searcher finds across any chunking what a whole-buffer search finds', () => {
  const random = seededRandom(300);
  for (let round = 0; round < 600; round++) {
    const letters = random.int(1, 3);
    const needle = smallAlphabet(random, random.int(1, 300), letters);
    const stream = Buffer.concat(Array.from({ length: random.int(0, 6) }, () =>
      random.next() < 0.5 ? needle : smallAlphabet(random, random.int(0, 400), letters)));
    const searcher = new Searcher(needle);
    const found = randomPieces(random, stream, random.int(1, 500)).flatMap((piece) => searcher.push(piece));
    assert.deepEqual(found, referencePositions(stream, needle));
  }
});

test('a Searcher reports each match with the chunk holding its last byte', () => {
  const searcher = new Searcher('--boundary');
  assert.deepEqual(searcher.push(Buffer.from('head--bou')), []);
  assert.deepEqual(searcher.push(Buffer.from('nda')), []);
  assert.deepEqual(searcher.push(Buffer.from('ry body --boundary')), [4, 20]);
  searcher.reset();
  assert.deepEqual(searcher.push(Buffer.from('--boundary')), [0]);
  assert.equal(searcher.needle.toString(), '--boundary');
});

test('a Searcher keeps its own copy of the needle', () => {
  const needle = Buffer.from('ab');
  const searcher = new Searcher(needle);
  needle.fill(0);
  assert.deepEqual(searcher.push(Buffer.from('xab')), [1]);
});

test('bad arguments throw Node-style errors', () => {
  const haystack = Buffer.from('abc');
  const cases = [
    [() => count('abc', 'a'), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => count(haystack, {}), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => count(haystack, ''), TypeError, 'ERR_INVALID_ARG_VALUE'],
    [() => count(haystack, 256), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => count(haystack, 1.5), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => count(haystack, 'a', 'klingon'), TypeError, 'ERR_UNKNOWN_ENCODING'],
    [() => count(haystack, 'a', 0.5), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => indexOfAll(haystack, 'a', 0, {}), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => split(haystack, ','), null, null],
    [() => split(haystack, ',', -1), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => split(haystack, Buffer.alloc(0)), TypeError, 'ERR_INVALID_ARG_VALUE'],
    [() => indexOfAny(haystack, []), TypeError, 'ERR_INVALID_ARG_VALUE'],
    [() => indexOfAny(haystack, 'ab'), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => indexOfAny(haystack, [1, 'a', {}]), TypeError, 'ERR_INVALID_ARG_TYPE'],
    [() => indexOfAny(haystack, [300]), RangeError, 'ERR_OUT_OF_RANGE'],
    [() => new Searcher(''), TypeError, 'ERR_INVALID_ARG_VALUE'],
    [() => new Searcher('a').push('text'), TypeError, 'ERR_INVALID_ARG_TYPE'],
  ];
  for (const [call, ErrorClass, code] of cases) {
    if (ErrorClass === null) {
      call();
      continue;
    }
    assert.throws(call, (error) => error instanceof ErrorClass && error.code === code, call.toString());
  }
});

test('without the addon the extras say they need it and the built-in exports still work', () => {
  const child = runWithoutAddon(
    "const b = require('hotpath/buffer'); console.log(b.Buffer === require('buffer').Buffer);" +
      "try { b.count(Buffer.from('a'), 'a') } catch (e) { console.log(e.code) }",
  );
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout.trim(), 'true\nHOTPATH_NATIVE_UNAVAILABLE');
});
