// buffer benchmarks: hotpath/buffer's searches vs the best plain-Node way to get the
// same answer (Buffer#indexOf loops, subarray loops) and streamsearch, same inputs,
// one process. Every contender returns the same count or positions.

import { createRequire } from 'node:module';
import { englishText, chunksOf } from './corpus.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/buffer');
// What install() puts on Buffer.prototype, called as a method without installing it.
const { methods: installed } = require('../lib/internal/buffer/index-of.js');
const StreamSearch = require('streamsearch');

/** Non-overlapping matches by Buffer#indexOf, one call per match. */
function indexOfLoop(haystack, needle, onMatch) {
  let matches = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    onMatch(at);
    matches++;
  }
  return matches;
}

const ignore = () => {};

const SMALL_CALLS = 1000;

/** Calls `search` SMALL_CALLS times; returns the sum of its answers (all must agree). */
function repeatCalls(search) {
  let sum = 0;
  for (let i = 0; i < SMALL_CALLS; i++) sum += search();
  return sum;
}

/** Streaming search in plain Node: keep the last needle.length - 1 bytes, indexOf the rest. */
function plainStreamSearch(chunks, needle) {
  let tail = Buffer.alloc(0);
  let tailStart = 0;
  let resume = 0;
  let matches = 0;
  for (const chunk of chunks) {
    const window = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
    let at = window.indexOf(needle, Math.max(0, resume - tailStart));
    while (at !== -1) {
      matches++;
      resume = tailStart + at + needle.length;
      at = window.indexOf(needle, at + needle.length);
    }
    const keepFrom = Math.max(window.length - (needle.length - 1), resume - tailStart, 0);
    tailStart += keepFrom;
    tail = Buffer.from(window.subarray(keepFrom));
  }
  return matches;
}

function streamsearchCount(chunks, needle) {
  let matches = 0;
  const search = new StreamSearch(needle, (isMatch) => {
    if (isMatch) matches++;
  });
  for (const chunk of chunks) search.push(chunk);
  return matches;
}

function hotpathStreamCount(chunks, needle) {
  const searcher = new hotpath.Searcher(needle);
  let matches = 0;
  for (const chunk of chunks) matches += searcher.push(chunk).length;
  return matches;
}

export default {
  module: 'buffer',
  cases() {
    const text = englishText(64 << 20);
    const newline = Buffer.from('\n');
    // A 16-byte needle that real text holds often: a license phrase.
    const phrase = Buffer.from('the Free Softwar');
    const adversarialNeedle = Buffer.from(`${'a'.repeat(4000)}b`);
    const adversarialText = Buffer.from(`${'a'.repeat(8 << 20)}b`);
    const boundary = Buffer.from('\r\n------hotpathFormBoundary7MA4YWxkTrZu0gW');
    const multipart = Buffer.concat(
      Array.from({ length: 1024 }, (_, i) => Buffer.concat([boundary, Buffer.from('\r\n'), text.subarray(i * 65000, i * 65000 + 64000)])),
    );
    const chunks = chunksOf(multipart, 64 << 10);
    const cleanText = Buffer.from(text.toString('latin1').replace(/[=;\r]/g, ' '), 'latin1');
    const anyOfInput = Buffer.concat([cleanText.subarray(0, (64 << 20) - 64), Buffer.from('=;\r'.repeat(21))]);
    const nearEnd = Buffer.from(text);
    const marker = Buffer.from('<<hotpath-marker>');
    marker.copy(nearEnd, nearEnd.length - 1000);
    marker.copy(nearEnd, 1000);
    const small = Buffer.from('hello world, this is a 64 byte haystack for the install() check.');
    // A buffer whose prototype carries what install() puts on Buffer.prototype, so both
    // sides make a plain method call without installing anything process-wide.
    const smallInstalled = Buffer.from(small);
    Object.setPrototypeOf(smallInstalled, Object.create(Buffer.prototype, { indexOf: { value: installed.indexOf } }));
    return [
      {
        name: 'indexOf, a 17-byte needle 1000 bytes before the end',
        bytes: nearEnd.length,
        builtinName: 'Buffer#indexOf',
        builtin: () => nearEnd.indexOf(marker, 2000),
        hotpath: () => hotpath.indexOf(nearEnd, marker, 2000),
      },
      {
        name: 'lastIndexOf, a 17-byte needle 1000 bytes from the start',
        bytes: nearEnd.length,
        builtinName: 'Buffer#lastIndexOf',
        builtin: () => nearEnd.lastIndexOf(marker, -2000),
        hotpath: () => hotpath.lastIndexOf(nearEnd, marker, -2000),
      },
      {
        name: 'indexOf of a byte that is not there (Node\'s own call)',
        bytes: text.length,
        builtinName: 'Buffer#indexOf',
        builtin: () => text.indexOf(0x07),
        hotpath: () => hotpath.indexOf(text, 0x07),
      },
      {
        name: "indexOf 'a'×4000+'b' in 8 MiB of 'a'",
        bytes: adversarialText.length,
        builtinName: 'Buffer#indexOf',
        builtin: () => adversarialText.indexOf(adversarialNeedle),
        hotpath: () => hotpath.indexOf(adversarialText, adversarialNeedle),
      },
      {
        // 1,000 calls a sample: one ~100 ns call is too short to time steadily here.
        name: 'indexOf through install(), 64 B haystack, 1,000 calls',
        bytes: small.length * SMALL_CALLS,
        builtinName: 'Buffer#indexOf',
        builtin: () => repeatCalls(() => small.indexOf('check')),
        hotpath: () => repeatCalls(() => smallInstalled.indexOf('check')),
      },
      {
        name: "count '\\n'",
        bytes: text.length,
        builtinName: 'Buffer#indexOf loop',
        builtin: () => indexOfLoop(text, newline, ignore),
        hotpath: () => hotpath.count(text, newline),
      },
      {
        name: 'count a 16-byte needle',
        bytes: text.length,
        builtinName: 'Buffer#indexOf loop',
        builtin: () => indexOfLoop(text, phrase, ignore),
        hotpath: () => hotpath.count(text, phrase),
      },
      {
        name: "indexOfAll '\\n'",
        bytes: text.length,
        builtinName: 'Buffer#indexOf loop',
        builtin: () => {
          const positions = [];
          indexOfLoop(text, newline, (at) => positions.push(at));
          return positions;
        },
        hotpath: () => hotpath.indexOfAll(text, newline),
        result: (positions) => Array.from(positions),
      },
      {
        name: "split on '\\n'",
        bytes: text.length,
        // Buffer#slice: the faster of Node's two view makers (subarray goes through
        // the species constructor), and the one hotpath's split uses.
        builtinName: 'indexOf + slice loop',
        builtin: () => {
          const pieces = [];
          let from = 0;
          indexOfLoop(text, newline, (at) => {
            pieces.push(text.slice(from, at));
            from = at + 1;
          });
          pieces.push(text.slice(from));
          return pieces;
        },
        hotpath: () => hotpath.split(text, newline),
        result: (pieces) => pieces.map((piece) => piece.length),
      },
      {
        name: "count 'a'×4000+'b' in 8 MiB of 'a'",
        bytes: adversarialText.length,
        builtinName: 'Buffer#indexOf loop',
        builtin: () => indexOfLoop(adversarialText, adversarialNeedle, ignore),
        hotpath: () => hotpath.count(adversarialText, adversarialNeedle),
      },
      {
        name: 'indexOfAny of 3 bytes, found at the end',
        bytes: anyOfInput.length,
        builtinName: 'min of 3 Buffer#indexOf',
        builtin: () => {
          const found = [0x3d, 0x3b, 0x0d].map((byte) => anyOfInput.indexOf(byte)).filter((at) => at !== -1);
          return found.length === 0 ? -1 : Math.min(...found);
        },
        hotpath: () => hotpath.indexOfAny(anyOfInput, [0x3d, 0x3b, 0x0d]),
      },
      {
        name: 'Searcher, multipart boundary over 64 KiB chunks',
        bytes: multipart.length,
        builtinName: 'indexOf with a carried tail',
        builtin: () => plainStreamSearch(chunks, boundary),
        hotpath: () => hotpathStreamCount(chunks, boundary),
        peers: { streamsearch: () => streamsearchCount(chunks, boundary) },
      },
    ];
  },
};
