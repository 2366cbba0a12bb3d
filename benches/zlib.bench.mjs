// zlib benchmarks: hotpath/zlib vs node:zlib vs npm peers, same inputs, one process.

import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const node = require('node:zlib');
const hotpath = require('hotpath/zlib');
const nodeRsCrc32 = require('@node-rs/crc32');

function crc32Case(bytes) {
  const data = randomBytes(bytes);
  return {
    name: 'crc32',
    bytes,
    builtin: () => node.crc32(data),
    hotpath: () => hotpath.crc32(data),
    peers: { '@node-rs/crc32': () => nodeRsCrc32.crc32(data) },
  };
}

function crc32StringCase(chars) {
  const text = 'Ünïcödé text, mostly ASCII. '.repeat(Math.ceil(chars / 28)).slice(0, chars);
  return {
    name: 'crc32 of a string',
    bytes: Buffer.byteLength(text),
    builtin: () => node.crc32(text),
    hotpath: () => hotpath.crc32(text),
    peers: { '@node-rs/crc32': () => nodeRsCrc32.crc32(text) },
  };
}

export default {
  module: 'zlib',
  cases: [
    crc32Case(64),
    crc32Case(64 << 10),
    crc32Case(16 << 20),
    crc32StringCase(16),
    crc32StringCase(1000),
  ],
};
