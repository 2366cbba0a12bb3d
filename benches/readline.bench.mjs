// readline benchmarks: hotpath/readline vs node:readline, split2, byline and a plain-JS
// baseline, on the same in-memory 64 KiB chunks, one process.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import nodeReadline from 'node:readline';
import { englishText, ndjsonText, chunksOf } from './corpus.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/readline');
const split2 = require('split2');
const byline = require('byline');

const SIZE = 64 << 20;
const LONG = { rounds: 5, minSamples: 1 };

const source = (chunks) => Readable.from(chunks, { objectMode: false });

async function forAwait(readline, chunks) {
  let count = 0;
  for await (const line of readline.createInterface({ input: source(chunks), crlfDelay: Infinity })) count += line.length;
  return count;
}

function lineEvents(readline, chunks) {
  return new Promise((resolve) => {
    let count = 0;
    const rl = readline.createInterface({ input: source(chunks), crlfDelay: Infinity });
    rl.on('line', (line) => {
      count += line.length;
    });
    rl.on('close', () => resolve(count));
  });
}

function streamTotal(stream, chunks, measure) {
  return new Promise((resolve, reject) => {
    let count = 0;
    stream.on('data', (item) => {
      count += measure(item);
    });
    stream.on('end', () => resolve(count));
    stream.on('error', reject);
    source(chunks).pipe(stream);
  });
}

// The plain-JS baseline: toString and split('\n') per chunk, carrying the partial line.
function plainSplit(chunks) {
  let count = 0;
  let partial = '';
  for (const chunk of chunks) {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop();
    for (const line of parts) count += (line.endsWith('\r') ? line.slice(0, -1) : line).length;
  }
  return count + partial.length;
}

async function hotpathLines(chunks) {
  let count = 0;
  for await (const line of hotpath.lines(chunks)) count += line.length;
  return count;
}

async function hotpathBatches(chunks) {
  let count = 0;
  for await (const batch of hotpath.lines(chunks, { batch: true })) for (const line of batch) count += line.length;
  return count;
}

let tempDir = null;

export default {
  module: 'readline',
  cases() {
    const text = englishText(SIZE);
    const textChunks = chunksOf(text, 64 << 10);
    const ndjson = ndjsonText(SIZE);
    const ndjsonChunks = chunksOf(ndjson, 64 << 10);
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-bench-'));
    const textFile = path.join(tempDir, 'text.txt');
    fs.writeFileSync(textFile, text);
    return [
      {
        name: 'createInterface, for await',
        bytes: SIZE,
        ...LONG,
        builtin: () => forAwait(nodeReadline, textChunks),
        hotpath: () => forAwait(hotpath, textChunks),
      },
      {
        name: "createInterface, 'line' events",
        bytes: SIZE,
        ...LONG,
        builtin: () => lineEvents(nodeReadline, textChunks),
        hotpath: () => lineEvents(hotpath, textChunks),
        peers: {
          split2: () => streamTotal(split2(), textChunks, (line) => line.length),
          byline: () => streamTotal(byline.createStream(undefined, { keepEmptyLines: true }), textChunks, (line) => line.length),
        },
        peersSame: false, // split2 keeps a lone \r inside lines; byline returns Buffers
      },
      {
        name: 'lines(), one string per line',
        bytes: SIZE,
        ...LONG,
        builtinName: 'node for await',
        builtin: () => forAwait(nodeReadline, textChunks),
        hotpath: () => hotpathLines(textChunks),
        peers: {
          split2: () => streamTotal(split2(), textChunks, (line) => line.length),
          'plain JS split': () => plainSplit(textChunks),
        },
        peersSame: false,
      },
      {
        name: 'lines({ batch: true })',
        bytes: SIZE,
        ...LONG,
        builtinName: 'node for await',
        builtin: () => forAwait(nodeReadline, textChunks),
        hotpath: () => hotpathBatches(textChunks),
        peers: {
          split2: () => streamTotal(split2(), textChunks, (line) => line.length),
          'plain JS split': () => plainSplit(textChunks),
        },
        peersSame: false,
      },
      {
        name: 'jsonLines(), NDJSON ~150 B lines',
        bytes: ndjson.length,
        ...LONG,
        builtinName: 'split2(JSON.parse)',
        builtin: () => streamTotal(split2(JSON.parse), ndjsonChunks, (record) => record.id),
        hotpath: async () => {
          let total = 0;
          for await (const record of hotpath.jsonLines(ndjsonChunks)) total += record.id;
          return total;
        },
      },
      {
        name: 'countLines(path)',
        bytes: SIZE,
        ...LONG,
        builtinName: 'readFile + indexOf loop',
        builtin: async () => {
          const data = await fs.promises.readFile(textFile);
          let lines = 0;
          for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) lines++;
          return lines + (data.length > 0 && data[data.length - 1] !== 10 ? 1 : 0);
        },
        hotpath: () => hotpath.countLines(textFile),
      },
    ];
  },
  teardown() {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  },
};
