// Differential fuzz of hotpath/buffer's indexOf, lastIndexOf and includes against
// Buffer.prototype's: random haystacks, needles of every kind (strings in every
// encoding, buffers, numbers), offsets of every kind, and odd arguments.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { fuzzFor, outcome, oddValue } from './budget.mjs';
import { randomText } from '../helpers/random.mjs';

const require = createRequire(import.meta.url);
const face = require('../../lib/buffer.js');

const MAJOR = Number(process.versions.node.split('.')[0]);
const ENCODINGS = [undefined, 'utf8', 'utf-8', 'ucs2', 'utf16le', 'latin1', 'binary', 'hex', 'base64', 'base64url', 'ascii', 'nope'];

function haystackFor(random) {
  const length = random.pick([0, 1, random.int(2, 64), random.int(64, 5000), random.int(5000, 300000)]);
  const alphabet = random.bytes(random.int(1, 6));
  return random.int(0, 2) === 0
    ? Buffer.from(randomText(random, length), random.pick(['utf8', 'utf16le']))
    : Buffer.from(Array.from({ length }, () => random.pick(alphabet)));
}

function needleFor(random, haystack) {
  const at = random.int(0, haystack.length);
  const slice = haystack.subarray(at, at + random.pick([0, 1, 2, 3, random.int(4, 40), random.int(40, 600)]));
  switch (random.int(0, 7)) {
    case 0:
      return Buffer.from(slice);
    case 1:
      return new Uint8Array(slice);
    case 2:
      return slice.toString(random.pick(['utf8', 'latin1', 'hex', 'base64', 'utf16le']));
    case 3:
      return random.pick([slice[0] ?? 0, random.int(-300, 600), 1.5, -0, NaN]);
    case 4:
      return randomText(random, random.int(0, 4));
    case 5:
      return oddValue(random);
    default:
      return Buffer.from(slice);
  }
}

function offsetFor(random, length) {
  return random.pick([
    undefined, 0, random.int(-length - 5, length + 5), -1, length, length + 1, 1.7, NaN, '3', null, {}, -Infinity, Infinity, 'utf8', 2 ** 40,
  ]);
}

test('indexOf, lastIndexOf and includes give Buffer.prototype results and errors', async () => {
  await fuzzFor('buffer search', (random) => {
    const haystack = haystackFor(random);
    const needle = needleFor(random, haystack);
    const offset = offsetFor(random, haystack.length);
    const encoding = random.pick(ENCODINGS);
    const args = random.int(0, 3) === 0 ? [needle, offset] : [needle, offset, encoding];
    // Node 24 aborts on a UTF-8 needle with a lone surrogate; the face answers as
    // Node 26 does there (buffer-index-of.test.mjs), which its own method gives for
    // the needle's UTF-8 bytes.
    const named = typeof offset === 'string' ? offset : args.length === 3 ? encoding : undefined;
    const aborts = MAJOR === 24 && typeof needle === 'string' && !needle.isWellFormed() && (named === undefined || /^utf-?8$/i.test(named));
    const builtinArgs = aborts ? [Buffer.from(needle), ...args.slice(1)] : args;
    for (const method of ['indexOf', 'lastIndexOf', 'includes']) {
      assert.deepEqual(
        outcome(() => face[method](haystack, ...args)),
        outcome(() => haystack[method](...builtinArgs)),
        `${method}(${typeof needle}, ${String(offset)}, ${encoding})`,
      );
    }
  });
});
