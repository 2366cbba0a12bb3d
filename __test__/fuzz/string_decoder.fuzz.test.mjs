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

// On invalid bytes decode() follows the WHATWG standard where Node's ICU TextDecoder
// departs from it (see the README); the Rust legacy_codec fuzz target covers those.
test('decode() gives TextDecoder\'s text for valid text in any WHATWG encoding', async () => {
  const LABELS = ['utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252', 'iso-8859-2', 'koi8-r', 'shift_jis', 'euc-jp', 'gbk', 'gb18030', 'big5', 'euc-kr', 'iso-2022-jp', 'x-user-defined'];
  const { decode, encode } = require('../../lib/string_decoder.js');
  // Node 20's one-shot ICU TextDecoder reads windows-1252 (and latin1, its label)
  // 0x80-0x9f as C1 controls, against the standard (see the README).
  const icuC1 = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) !== '\u20ac';
  const labels = icuC1 ? LABELS.filter((label) => label !== 'windows-1252' && label !== 'latin1') : LABELS;
  let supported;
  await fuzzFor('decode', (random) => {
    const label = random.pick(labels);
    try {
      supported = new TextDecoder(label);
    } catch {
      return; // a Node built without full ICU lacks some
    }
    // No lone surrogates (encode() would make them '?'), and no €: where legacy
    // tables place it is where ICU and the WHATWG tables differ most.
    const text = randomText(random, random.int(0, 3000)).replace(/[\ud800-\udfff€]/g, 'x');
    const bytes = encode(text, label, { addBOM: false });
    assert.equal(decode(bytes, label), supported.decode(bytes), label);
  });
});
