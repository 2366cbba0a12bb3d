// The zlib bench's per-message rows: what a server or HTTP client pays per response
// (a short-lived stream: create, end(body), read to 'end'), with 16 such streams in
// flight, WebSocket permessage-deflate (one long-lived DeflateRaw and InflateRaw per
// connection, a small message written and sync-flushed), and the memory an open
// stream holds. A 64 MiB row says nothing about a 1 KB message.

import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const node = require('node:zlib');
const hotpath = require('hotpath/zlib');
const { Z_SYNC_FLUSH, BROTLI_PARAM_QUALITY } = node.constants;

/** A JSON document of about `bytes` bytes, cut to exactly that. */
export function jsonBody(bytes) {
  const users = Array.from({ length: Math.ceil(bytes / 60) }, (_, i) => ({
    id: 1000 + i,
    name: `user ${i}`,
    email: `user${i}@example.com`,
    active: i % 3 === 0,
  }));
  return Buffer.from(JSON.stringify(users).slice(0, bytes));
}

const BODIES = { '1 KB': jsonBody(1024), '16 KB': jsonBody(16 * 1024) };

// Each stream class, how its input is made from a body, and its options.
const Q4 = { params: { [BROTLI_PARAM_QUALITY]: 4 } };
const STREAMS = [
  ['Gzip', null],
  ['Deflate', null],
  ['DeflateRaw', null],
  ['BrotliCompress', null, Q4, ' q4'],
  ['BrotliCompress', null, undefined, ' q11'],
  ['Gunzip', (body) => node.gzipSync(body)],
  ['Inflate', (body) => node.deflateSync(body)],
  ['InflateRaw', (body) => node.deflateRawSync(body)],
  ['Unzip', (body) => node.gzipSync(body)],
  ['BrotliDecompress', (body) => node.brotliCompressSync(body, Q4)],
];

const DECODE = {
  Gzip: (out) => node.gunzipSync(out),
  Deflate: (out) => node.inflateSync(out),
  DeflateRaw: (out) => node.inflateRawSync(out),
  BrotliCompress: (out) => node.brotliDecompressSync(out),
};

/** One short-lived stream: create, `end(input)`, read to 'end'; resolves to the output. */
function oneStream(zlib, name, options, input) {
  return new Promise((resolve, reject) => {
    const stream = zlib[`create${name}`](options);
    const out = [];
    stream.on('data', (piece) => out.push(piece));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
    stream.end(input);
  });
}

function manyStreams(zlib, name, options, input, count) {
  return Promise.all(Array.from({ length: count }, () => oneStream(zlib, name, options, input)));
}

const IN_FLIGHT = 16;

function shortLivedCases() {
  const cases = [];
  for (const [name, makeInput, options, label = ''] of STREAMS) {
    for (const [size, body] of Object.entries(BODIES)) {
      const input = makeInput ? makeInput(body) : body;
      const decode = DECODE[name] || ((out) => out);
      cases.push({
        name: `create${name}${label}, end(${size}), read; one after another`,
        unit: 'µs',
        builtin: () => oneStream(node, name, options, input),
        hotpath: () => oneStream(hotpath, name, options, input),
        result: decode,
        expected: body,
        // At quality 10-11 hotpath's BrotliCompress stream is Node's own (streams.js).
        note: label === ' q11' ? "µs per stream (lower is faster); hotpath's stream is Node's own" : 'µs per stream (lower is faster)',
      });
      if (size === '1 KB' && label !== ' q11') {
        cases.push({
          name: `create${name}${label}, end(${size}), read; ${IN_FLIGHT} in flight`,
          unit: 'ops/s',
          opsPerCall: IN_FLIGHT,
          builtin: () => manyStreams(node, name, options, input, IN_FLIGHT),
          hotpath: () => manyStreams(hotpath, name, options, input, IN_FLIGHT),
          result: (outs) => outs.map(decode),
          expected: Array.from({ length: IN_FLIGHT }, () => body),
          note: 'streams/s',
        });
      }
    }
  }
  return cases;
}

// WebSocket messages: varied small JSON, as a chat or a feed sends them.
const MESSAGES = Array.from({ length: 64 }, (_, i) =>
  Buffer.from(
    JSON.stringify({ type: 'update', seq: i, room: `room-${i % 7}`, text: `message ${i}: ${'lorem ipsum dolor sit amet '.repeat(1 + (i % 8))}` }).slice(0, 300),
  ),
);

/** Writes one message and sync-flushes it, as `ws` does; resolves to the frame. */
function flushedMessage(stream, message) {
  return new Promise((resolve, reject) => {
    const out = [];
    const onData = (piece) => out.push(piece);
    stream.on('data', onData);
    stream.once('error', reject);
    stream.write(message);
    stream.flush(Z_SYNC_FLUSH, () => {
      stream.off('data', onData);
      stream.off('error', reject);
      resolve(Buffer.concat(out));
    });
  });
}

/**
 * A long-lived DeflateRaw per contender (made at its first call, so the checked call
 * is a fresh stream's first frame); each call sends the next message.
 */
function perMessageDeflateCase() {
  const sender = (zlib) => {
    let stream = null;
    let next = 0;
    return () => {
      stream ||= zlib.createDeflateRaw({ windowBits: 15, memLevel: 8 });
      return flushedMessage(stream, MESSAGES[next++ % MESSAGES.length]);
    };
  };
  return {
    name: 'permessage-deflate: DeflateRaw write(300 B) + flush(Z_SYNC_FLUSH)',
    unit: 'µs',
    builtin: sender(node),
    hotpath: sender(hotpath),
    result: (frame) => node.inflateRawSync(frame, { finishFlush: Z_SYNC_FLUSH }),
    expected: MESSAGES[0],
    note: 'µs per message, one long-lived stream',
  };
}

/** Frames of MESSAGES as a connection sends them: each depends on those before. */
async function framesOfMessages(rounds) {
  const frames = [];
  const deflate = node.createDeflateRaw();
  for (let i = 0; i < rounds * MESSAGES.length; i++) {
    frames.push(await flushedMessage(deflate, MESSAGES[i % MESSAGES.length]));
  }
  deflate.close();
  return frames;
}

async function perMessageInflateCase() {
  const frames = await framesOfMessages(16);
  const receiver = (zlib) => {
    let stream = null;
    let next = 0;
    return () => {
      // A new connection once the recorded frames run out (1 in 1,024 calls).
      if (next === frames.length) {
        stream.close();
        stream = null;
        next = 0;
      }
      stream ||= zlib.createInflateRaw({ windowBits: 15 });
      return flushedMessage(stream, frames[next++]);
    };
  };
  return {
    name: 'permessage-deflate: InflateRaw write(frame) + flush(Z_SYNC_FLUSH)',
    unit: 'µs',
    builtin: receiver(node),
    hotpath: receiver(hotpath),
    expected: MESSAGES[0],
    note: 'µs per message, one long-lived stream',
  };
}

const RSS_SCRIPT = fileURLToPath(new URL('./open-streams-rss.cjs', import.meta.url));
const OPEN_STREAMS = 1000;

/** KiB of RSS per open DeflateRaw after one flushed message, in a fresh process. */
function rssPerStream(which) {
  const out = execFileSync(process.execPath, [RSS_SCRIPT, which, String(OPEN_STREAMS)], { encoding: 'utf8' });
  return JSON.parse(out);
}

function openStreamMemoryCase() {
  return {
    name: `RSS per open DeflateRaw (${OPEN_STREAMS.toLocaleString('en-US')} open, one flushed message each)`,
    unit: 'KiB',
    builtin: () => rssPerStream('node:zlib'),
    hotpath: () => rssPerStream('hotpath/zlib'),
    result: (measured) => node.inflateRawSync(Buffer.from(measured.frames), { finishFlush: Z_SYNC_FLUSH }),
    sample: (fn) => fn().kibPerStream,
    rounds: 3,
    note: 'KiB per stream, fresh process each (lower is smaller)',
  };
}

export async function messageCases() {
  return [...shortLivedCases(), perMessageDeflateCase(), await perMessageInflateCase(), openStreamMemoryCase()];
}
