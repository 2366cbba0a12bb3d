// Differential fuzz of hotpath/string_decoder's StringDecoder against Node's: every
// encoding by any name, random bytes (and valid text) in random writes, end() with or
// without a last chunk, the exposed state after each call, and odd arguments.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { StringDecoder as NodeDecoder } from 'node:string_decoder';
import { fuzzFor, outcome, oddValue } from './budget.mjs';
import { randomText } from '../helpers/random.mjs';

const require = createRequire(import.meta.url);
const { StringDecoder } = require('../../lib/string_decoder.js');

const ENCODINGS = [
  undefined, 'utf8', 'UTF-8', 'utf-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'latin1', 'binary', 'base64',
  'base64url', 'hex', 'ascii', 'nope', '',
];

function bytesFor(random) {
  const length = random.pick([0, 1, random.int(2, 12), random.int(12, 400), random.int(400, 20000)]);
  return random.int(0, 1) === 0
    ? random.bytes(length)
    : Buffer.from(randomText(random, length), random.pick(['utf8', 'utf16le', 'latin1']));
}

function state(decoder) {
  return { lastNeed: decoder.lastNeed, lastTotal: decoder.lastTotal, lastChar: Buffer.from(decoder.lastChar ?? []), encoding: decoder.encoding };
}

function play(Decoder, encoding, calls) {
  const made = outcome(() => new Decoder(encoding));
  if (made.error) return [made];
  const decoder = made.value;
  return calls.map(([method, arg]) => {
    const result = outcome(() => (method === 'end' && arg === undefined ? decoder.end() : decoder[method](arg)));
    return { method, result, state: state(decoder) };
  });
}

test('StringDecoder: any writes and end() give the built-in strings, state and errors', async () => {
  await fuzzFor('StringDecoder', (random) => {
    const encoding = random.pick(ENCODINGS);
    const data = bytesFor(random);
    const calls = [];
    for (let at = 0; at < data.length; ) {
      const next = Math.min(data.length, at + random.pick([1, 2, 3, random.int(1, 9), random.int(9, 5000)]));
      const piece = data.subarray(at, next);
      calls.push(['write', random.int(0, 4) === 0 ? new Uint8Array(piece) : piece]);
      at = next;
      if (random.int(0, 20) === 0) calls.push(['end', undefined]);
    }
    if (random.int(0, 6) === 0) calls.push(['write', random.int(0, 1) ? randomText(random, 5) : oddValue(random)]);
    calls.push(random.int(0, 2) === 0 ? ['end', random.bytes(random.int(0, 5))] : ['end', undefined]);
    if (random.int(0, 4) === 0) calls.push(['write', random.bytes(3)]);
    assert.deepEqual(play(StringDecoder, encoding, calls), play(NodeDecoder, encoding, calls), String(encoding));
  });
});
