// zlib benchmarks: hotpath/zlib vs node:zlib vs pako and fflate, same inputs, one
// process. Every contender's result is checked before timing (same-result.mjs):
// decoders must return the input; compressors' bytes differ, so their outputs must
// decode to the input, and the note gives the output sizes (a faster level that
// compresses worse must say so).

import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { englishText, chunksOf, JSON_1K } from './corpus.mjs';
import { throughStream } from './through-stream.mjs';
import { messageCases } from './zlib-messages.mjs';

const require = createRequire(import.meta.url);
const node = require('node:zlib');
const hotpath = require('hotpath/zlib');
const nodeRsCrc32 = require('@node-rs/crc32');
const pako = require('pako');
const fflate = require('fflate');

const MiB = 1 << 20;
const TEXT = englishText(64 * MiB);
const TEXT_16 = TEXT.subarray(0, 16 * MiB);
const RANDOM = randomBytes(16 * MiB);

// Long cases: one call per sample, three alternating rounds.
const LONG = { rounds: 3, minSamples: 1 };

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

const percent = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;

/**
 * A compression case: the contenders' bytes differ, so what is compared is each output
 * decoded by node:zlib (it must be the input); the note gives the output sizes (a faster
 * level that compresses worse must say so).
 */
function compressCase(name, input, contenders, decode, extra = {}) {
  const { builtin, hotpath: ours, ...peers } = contenders;
  return {
    name,
    bytes: input.length,
    builtin,
    hotpath: ours,
    peers,
    result: (output) => decode(output),
    expected: input,
    noteFrom: (outputs) => `output ${Object.entries(outputs).map(([label, output]) => `${label} ${percent(output.length, input.length)}`).join(', ')}`,
    ...LONG,
    ...extra,
  };
}

function gzipCase(level, input, label) {
  return compressCase(
    `gzipSync L${level}${label}`,
    input,
    {
      builtin: () => node.gzipSync(input, { level }),
      hotpath: () => hotpath.gzipSync(input, { level }),
      pako: () => pako.gzip(input, { level }),
      fflate: () => fflate.gzipSync(input, { level }),
    },
    (out) => node.gunzipSync(out),
  );
}

function gunzipCase(input, label) {
  const gz = node.gzipSync(input);
  return {
    name: `gunzipSync${label}`,
    bytes: input.length,
    builtin: () => node.gunzipSync(gz),
    hotpath: () => hotpath.gunzipSync(gz),
    peers: { pako: () => pako.ungzip(gz), fflate: () => fflate.gunzipSync(gz) },
    expected: input,
    ...LONG,
  };
}

function deflateRawCase(input) {
  return compressCase(
    'deflateRawSync L6',
    input,
    {
      builtin: () => node.deflateRawSync(input),
      hotpath: () => hotpath.deflateRawSync(input),
      pako: () => pako.deflateRaw(input),
      fflate: () => fflate.deflateSync(input, { level: 6 }),
    },
    (out) => node.inflateRawSync(out),
  );
}

function inflateRawCase(input) {
  const raw = node.deflateRawSync(input);
  return {
    name: 'inflateRawSync',
    bytes: input.length,
    builtin: () => node.inflateRawSync(raw),
    hotpath: () => hotpath.inflateRawSync(raw),
    peers: { pako: () => pako.inflateRaw(raw), fflate: () => fflate.inflateSync(raw) },
    expected: input,
    ...LONG,
  };
}

function pakoStream(Class, chunks, options) {
  const engine = new Class(options);
  const out = [];
  engine.onData = (piece) => out.push(piece);
  chunks.forEach((chunk, i) => engine.push(chunk, i === chunks.length - 1));
  return Buffer.concat(out);
}

function fflateStream(Class, chunks) {
  const out = [];
  const engine = new Class((piece) => out.push(piece));
  chunks.forEach((chunk, i) => engine.push(chunk, i === chunks.length - 1));
  return Buffer.concat(out);
}

function streamGzipCase(input) {
  const chunks = chunksOf(input, 64 << 10);
  return compressCase(
    'gzip stream, 64 KiB writes',
    input,
    {
      builtin: () => throughStream(node.createGzip(), chunks),
      hotpath: () => throughStream(hotpath.createGzip(), chunks),
      pako: () => pakoStream(pako.Deflate, chunks, { gzip: true }),
      fflate: () => fflateStream(fflate.Gzip, chunks),
    },
    (out) => node.gunzipSync(out),
  );
}

function streamGunzipCase(input) {
  const chunks = chunksOf(node.gzipSync(input), 64 << 10);
  return {
    name: 'gunzip stream, 64 KiB writes',
    bytes: input.length,
    builtin: () => throughStream(node.createGunzip(), chunks),
    hotpath: () => throughStream(hotpath.createGunzip(), chunks),
    peers: { pako: () => pakoStream(pako.Inflate, chunks), fflate: () => fflateStream(fflate.Gunzip, chunks) },
    expected: input,
    ...LONG,
  };
}

/**
 * The same pigz trick done in JS over node:zlib (the baseline PERF-NOTES names):
 * 128 KiB blocks compressed by async deflateRaw on libuv's pool, each primed with
 * the previous 32 KiB and sync-flushed, joined under one gzip header.
 */
async function nodePigz(input) {
  const deflateRaw = promisify(node.deflateRaw);
  const BLOCK = 128 << 10;
  const parts = [];
  for (let at = 0; at < input.length; at += BLOCK) {
    const last = at + BLOCK >= input.length;
    const options = { finishFlush: last ? node.constants.Z_FINISH : node.constants.Z_SYNC_FLUSH };
    if (at > 0) options.dictionary = input.subarray(Math.max(0, at - (32 << 10)), at);
    parts.push(deflateRaw(input.subarray(at, at + BLOCK), options));
  }
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(node.crc32(input), 0);
  trailer.writeUInt32LE(input.length % 2 ** 32, 4);
  return Buffer.concat([header, ...(await Promise.all(parts)), trailer]);
}

function asyncGzipCase(input) {
  const nodeGzip = promisify(node.gzip);
  const ourGzip = promisify(hotpath.gzip);
  const ourSingle = hotpath.gzipSync(input).length;
  return compressCase(
    'gzip(buf, cb), parallel',
    input,
    {
      builtin: () => nodeGzip(input),
      hotpath: () => ourGzip(input),
      'node:zlib pigz-style in JS': () => nodePigz(input),
    },
    (out) => node.gunzipSync(out),
    {
      noteFrom: (outputs) =>
        `output: built-in ${percent(outputs['built-in'].length, input.length)}, hotpath parallel ${percent(outputs.hotpath.length, input.length)} (single-threaded ${percent(ourSingle, input.length)})`,
    },
  );
}

function brotliCompressCase(quality, input) {
  const params = { [node.constants.BROTLI_PARAM_QUALITY]: quality, [node.constants.BROTLI_PARAM_SIZE_HINT]: input.length };
  return compressCase(
    `brotliCompressSync q${quality}`,
    input,
    {
      builtin: () => node.brotliCompressSync(input, { params }),
      hotpath: () => hotpath.brotliCompressSync(input, { params }),
    },
    (out) => node.brotliDecompressSync(out),
    // hotpath hands one-shot brotli compression to Node (same C engine): say so.
    hotpath.brotliCompressSync === node.brotliCompressSync
      ? { noteFrom: (outputs) => `hotpath's is Node's own function; output ${percent(outputs['built-in'].length, input.length)}` }
      : {},
  );
}

function brotliDecompressCase(input) {
  const params = { [node.constants.BROTLI_PARAM_QUALITY]: 9 };
  const br = node.brotliCompressSync(input, { params });
  return {
    name: 'brotliDecompressSync (q9 input)',
    bytes: input.length,
    builtin: () => node.brotliDecompressSync(br),
    hotpath: () => hotpath.brotliDecompressSync(br),
    expected: input,
    ...LONG,
  };
}

function smallRoundTripCase(json) {
  return {
    name: '1 KiB JSON gzipSync + gunzipSync',
    bytes: json.length,
    unit: 'ops/s',
    builtin: () => node.gunzipSync(node.gzipSync(json)),
    hotpath: () => hotpath.gunzipSync(hotpath.gzipSync(json)),
    peers: {
      pako: () => pako.ungzip(pako.gzip(json)),
      fflate: () => fflate.gunzipSync(fflate.gzipSync(json)),
    },
    expected: json,
  };
}

function smallAsyncRoundTripCase(json) {
  const [ng, nu, hg, hu] = [node.gzip, node.gunzip, hotpath.gzip, hotpath.gunzip].map((f) => promisify(f));
  return {
    name: '1 KiB JSON gzip + gunzip (callbacks)',
    bytes: json.length,
    unit: 'ops/s',
    builtin: async () => nu(await ng(json)),
    hotpath: async () => hu(await hg(json)),
    expected: json,
  };
}

export default {
  module: 'zlib',
  cases: async () => [
    crc32Case(64),
    crc32Case(64 << 10),
    crc32Case(16 << 20),
    crc32StringCase(16),
    crc32StringCase(1000),
    gzipCase(1, TEXT, ''),
    gzipCase(6, TEXT, ''),
    gzipCase(9, TEXT_16, ''),
    gzipCase(6, RANDOM, ', random bytes'),
    gunzipCase(TEXT, ''),
    gunzipCase(RANDOM, ', random bytes'),
    deflateRawCase(TEXT),
    inflateRawCase(TEXT),
    streamGzipCase(TEXT),
    streamGunzipCase(TEXT),
    asyncGzipCase(TEXT),
    brotliCompressCase(4, TEXT_16),
    brotliCompressCase(5, TEXT_16),
    brotliCompressCase(11, TEXT.subarray(0, MiB)),
    brotliDecompressCase(TEXT_16),
    smallRoundTripCase(JSON_1K),
    smallAsyncRoundTripCase(JSON_1K),
    ...(await messageCases()),
  ],
};
