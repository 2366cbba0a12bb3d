'use strict';

// The cases `hotpath bench` times on a user's machine: each pairs the built-in way with
// hotpath's on the same input and says how to check that both give the same answer.
// Inputs are made here (real JavaScript text: hotpath's own lib/ sources), so the
// command needs nothing but the installed package.

const fs = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');

/** Real text: this package's JavaScript sources, repeated to `size` bytes. */
function sourceText(size) {
  const root = path.join(__dirname, '..');
  const files = fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.js'))
    .sort();
  const text = Buffer.concat(files.map((name) => fs.readFileSync(path.join(root, name))));
  const out = Buffer.allocUnsafe(size);
  for (let offset = 0; offset < size; offset += text.length) text.copy(out, offset, 0, Math.min(text.length, size - offset));
  return out;
}

/** Deterministic numbers (xorshift), so every run sorts the same array. */
function randomDoubles(count) {
  const out = new Float64Array(count);
  let state = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = (state >>> 0) / 4294967296 - 0.5;
  }
  return out;
}

const sameBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Drains a stream given `body` in one `end()`, resolving to its output. */
function throughStream(stream, body) {
  return new Promise((resolve, reject) => {
    const pieces = [];
    stream.on('data', (piece) => pieces.push(piece));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(pieces)));
    stream.end(body);
  });
}

/** Lines read through a readline Interface over `chunks`, counted with their lengths. */
function readLines(readline, chunks) {
  return new Promise((resolve) => {
    let count = 0;
    let length = 0;
    const rl = readline.createInterface({ input: Readable.from(chunks), crlfDelay: Infinity });
    rl.on('line', (line) => {
      count++;
      length += line.length;
    });
    rl.on('close', () => resolve(`${count}:${length}`));
  });
}

function chunksOf(buffer, size) {
  const chunks = [];
  for (let offset = 0; offset < buffer.length; offset += size) chunks.push(buffer.subarray(offset, offset + size));
  return chunks;
}

/**
 * Every case, for inputs of about `size` bytes. A case: `module`, `name`, `bytes` (for
 * throughput), `builtin()` and `hotpath()` (either may return a promise), and
 * `same(builtinResult, hotpathResult)`.
 */
function benchCases(size) {
  const hp = {
    zlib: require('../zlib.js'),
    crypto: require('../crypto.js'),
    string_decoder: require('../string_decoder.js'),
    readline: require('../readline.js'),
    buffer: require('../buffer.js'),
    workers: require('../workers.js'),
  };
  const node = {
    zlib: require('node:zlib'),
    crypto: require('node:crypto'),
    string_decoder: require('node:string_decoder'),
    readline: require('node:readline'),
  };
  const text = sourceText(size);
  const gzipped = node.zlib.gzipSync(text);
  const json = Buffer.from(JSON.stringify({ items: Array.from({ length: 12 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })) }));
  const kib = text.subarray(0, 1024);
  const smallInputs = Array.from({ length: size >> 6 }, (_, i) => text.subarray(i * 64, i * 64 + 64));
  const japanese = Buffer.from('日本語のテキストを読み書きする。'.repeat(Math.ceil(size / 48))).subarray(0, size);
  // Starts as much of the text does and ends in a control byte the text lacks, so it
  // is found only where it was put.
  const needle = Buffer.from('    return value;\x01');
  const haystack = Buffer.concat([text, needle, Buffer.alloc(1000, 0x20)]);
  const doubles = randomDoubles(Math.max(1024, size >> 3));
  const decodesToText = (_, out) => sameBytes(node.zlib.gunzipSync(out), text);
  // Cut once, outside the timed calls.
  const japaneseChunks = chunksOf(japanese, 65536);
  const textChunks = chunksOf(text, 65536);
  const decodeChunks = (StringDecoder) => {
    const decoder = new StringDecoder('utf8');
    let out = '';
    for (const chunk of japaneseChunks) out += decoder.write(chunk);
    return out + decoder.end();
  };
  const roundTrip = (zlib) =>
    new Promise((resolve, reject) => {
      zlib.gzip(json, (error, packed) => {
        if (error) return reject(error);
        zlib.gunzip(packed, (error2, out) => (error2 ? reject(error2) : resolve(out)));
      });
    });
  return [
    { module: 'zlib', name: 'gzipSync, level 6', bytes: text.length, builtin: () => node.zlib.gzipSync(text), hotpath: () => hp.zlib.gzipSync(text), same: decodesToText },
    { module: 'zlib', name: 'gunzipSync', bytes: text.length, builtin: () => node.zlib.gunzipSync(gzipped), hotpath: () => hp.zlib.gunzipSync(gzipped), same: sameBytes },
    { module: 'zlib', name: 'gzip stream, one end(body)', bytes: text.length, builtin: () => throughStream(node.zlib.createGzip(), text), hotpath: () => throughStream(hp.zlib.createGzip(), text), same: decodesToText },
    { module: 'zlib', name: '1 KiB JSON gzip + gunzip (callbacks)', bytes: json.length, builtin: () => roundTrip(node.zlib), hotpath: () => roundTrip(hp.zlib), same: sameBytes },
    { module: 'crypto', name: "sha256 createHash().update(1 KiB).digest('hex')", bytes: kib.length, builtin: () => node.crypto.createHash('sha256').update(kib).digest('hex'), hotpath: () => hp.crypto.createHash('sha256').update(kib).digest('hex'), same: (a, b) => a === b },
    { module: 'crypto', name: `sha256 of ${smallInputs.length.toLocaleString('en-US')} × 64 B: hash() loop vs hashMany()`, bytes: smallInputs.length * 64, builtin: () => smallInputs.map((input) => node.crypto.hash('sha256', input)), hotpath: () => hp.crypto.hashMany('sha256', smallInputs), same: (a, b) => a.length === b.length && a.every((digest, i) => digest === b[i]) },
    { module: 'string_decoder', name: 'utf8 write(), 64 KiB chunks of Japanese text', bytes: japanese.length, builtin: () => decodeChunks(node.string_decoder.StringDecoder), hotpath: () => decodeChunks(hp.string_decoder.StringDecoder), same: (a, b) => a === b },
    { module: 'readline', name: "createInterface, 'line' events", bytes: text.length, builtin: () => readLines(node.readline, textChunks), hotpath: () => readLines(hp.readline, textChunks), same: (a, b) => a === b },
    { module: 'buffer', name: `indexOf, a ${needle.length}-byte needle near the end`, bytes: haystack.length, builtin: () => haystack.indexOf(needle), hotpath: () => hp.buffer.indexOf(haystack, needle), same: (a, b) => a === b },
    { module: 'workers', name: 'sort a Float64Array (copy + sort)', bytes: doubles.byteLength, builtin: () => doubles.slice().sort(), hotpath: () => hp.workers.sort(doubles.slice()), same: (a, b) => sameBytes(new Uint8Array(a.buffer), new Uint8Array(b.buffer)) },
  ];
}

module.exports = { benchCases };
