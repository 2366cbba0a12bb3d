// readline benchmarks: hotpath/readline vs node:readline, split2 and a plain-JS
// baseline, on the same in-memory 64 KiB chunks, one process. Every line passes through
// keep(): the check compares the line arrays, the timed run adds up lengths. (byline
// is not a peer: it also breaks lines at \f, \v, U+0085 and U+2028/9, and decodes
// each chunk on its own, so on this corpus its lines are not readline's.)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import nodeReadline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { englishText, ndjsonText, chunksOf } from './corpus.mjs';
import { keep } from './same-result.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/readline');
const split2 = require('split2');

const SIZE = 64 << 20;
const LONG = { rounds: 5, minSamples: 1 };
const LINES = { ...LONG, emits: true };

const source = (chunks) => Readable.from(chunks, { objectMode: false });

async function forAwait(readline, chunks) {
  let count = 0;
  for await (const line of readline.createInterface({ input: source(chunks), crlfDelay: Infinity })) count += keep(line).length;
  return count;
}

function lineEvents(readline, chunks) {
  return new Promise((resolve) => {
    let count = 0;
    const rl = readline.createInterface({ input: source(chunks), crlfDelay: Infinity });
    rl.on('line', (line) => {
      count += keep(line).length;
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

// The plain-JS baseline: a StringDecoder and split('\n') per chunk, carrying the partial
// line (the corpus has no lone \r, so this is readline's split there).
function plainSplit(chunks) {
  const decoder = new StringDecoder('utf8');
  let count = 0;
  let partial = '';
  for (const chunk of chunks) {
    const parts = (partial + decoder.write(chunk)).split('\n');
    partial = parts.pop();
    for (const line of parts) count += keep(line.endsWith('\r') ? line.slice(0, -1) : line).length;
  }
  partial += decoder.end();
  return partial.length > 0 ? count + keep(partial).length : count;
}

function split2Lines(chunks) {
  return streamTotal(split2(), chunks, (line) => keep(line).length);
}

async function hotpathLines(chunks) {
  let count = 0;
  for await (const line of hotpath.lines(chunks)) count += keep(line).length;
  return count;
}

async function hotpathBatches(chunks) {
  let count = 0;
  for await (const batch of hotpath.lines(chunks, { batch: true })) for (const line of batch) count += keep(line).length;
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
        ...LINES,
        builtin: () => forAwait(nodeReadline, textChunks),
        hotpath: () => forAwait(hotpath, textChunks),
      },
      {
        name: "createInterface, 'line' events",
        bytes: SIZE,
        ...LINES,
        builtin: () => lineEvents(nodeReadline, textChunks),
        hotpath: () => lineEvents(hotpath, textChunks),
        peers: {
          split2: () => split2Lines(textChunks),
        },
      },
      {
        name: 'lines(), one string per line',
        bytes: SIZE,
        ...LINES,
        builtinName: 'node for await',
        builtin: () => forAwait(nodeReadline, textChunks),
        hotpath: () => hotpathLines(textChunks),
        peers: {
          split2: () => split2Lines(textChunks),
          'plain JS split': () => plainSplit(textChunks),
        },
      },
      {
        name: 'lines({ batch: true })',
        bytes: SIZE,
        ...LINES,
        builtinName: 'node for await',
        builtin: () => forAwait(nodeReadline, textChunks),
        hotpath: () => hotpathBatches(textChunks),
        peers: {
          split2: () => split2Lines(textChunks),
          'plain JS split': () => plainSplit(textChunks),
        },
      },
      {
        name: 'jsonLines(), NDJSON ~150 B lines',
        bytes: ndjson.length,
        ...LINES,
        builtinName: 'split2(JSON.parse)',
        builtin: () => streamTotal(split2(JSON.parse), ndjsonChunks, (record) => keep(record).id),
        hotpath: async () => {
          let total = 0;
          for await (const record of hotpath.jsonLines(ndjsonChunks)) total += keep(record).id;
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
