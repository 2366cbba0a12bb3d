// Memory safety: nothing JS does while hotpath's native work runs can make it read or
// write freed memory. Every async entry point is started on memory that JS then takes
// back (transfer(), structuredClone and postMessage transfer lists, resize() down or
// up), frees and overwrites; each case runs in a child process, which must exit 0 with
// the result for the bytes as they were at the call (or the stated error: a sort whose
// array is gone cannot write its result back). SharedArrayBuffer work stays in place,
// and a Worker or process that ends while such work runs waits for it to stop.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runNode } from './helpers/child-node.mjs';

const CHILD = fileURLToPath(new URL('./helpers/memory-safety-child.cjs', import.meta.url));
const CASES = JSON.parse(runNode([CHILD, '--list']).stdout);
const WAYS = [
  ...(typeof ArrayBuffer.prototype.transfer === 'function' ? ['transfer'] : []),
  'structuredClone',
  'postMessage',
  'shrink',
  'grow',
];

for (const name of CASES) {
  test(`${name}: memory taken back by JS mid-call gives the result for the bytes at the call`, () => {
    const result = runNode(['--expose-gc', CHILD, name]);
    assert.equal(result.signal, null, `killed by ${result.signal}\n${result.stdout}\n${result.stderr}`);
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const outcomes = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(outcomes.map((outcome) => outcome.way), WAYS);
    for (const { way, ok, detail } of outcomes) assert.ok(ok, `${name} after ${way}: ${detail}`);
  });
}

// Each native function or method that returns a promise (its work outlives the call),
// and the cases above that run it; a new one fails here until it has a case.
const ASYNC_NATIVE = {
  zlibProcess: ['gzip(cb)', 'gunzip(cb)', 'brotliDecompress(cb)'],
  zlibProcessMany: ['gzipMany', 'gunzipMany', 'brotliCompressMany'],
  'ZlibStream.write': ['createGzip().end(view)', 'createDeflateRaw().write(view) + flush'],
  hashManyPacked: ['hashMany'],
  pbkdf2: ['pbkdf2'],
  workersRun: ['sort', 'stats', 'reduce with progress in a SharedArrayBuffer'],
  // These read files by path: no JS memory.
  countLines: [],
  hashFile: [],
  hashFiles: [],
};

test('every native call that outlives the JS call has cases here', async () => {
  const { readFile } = await import('node:fs/promises');
  const types = await readFile(new URL('../binding.d.ts', import.meta.url), 'utf8');
  let className = null;
  const found = [];
  for (const line of types.split('\n')) {
    const opened = line.match(/^export declare class (\w+)/);
    if (opened) className = opened[1];
    else if (line.startsWith('}')) className = null;
    const call = line.match(/^\s*(?:export declare function )?(\w+)\(.*\): Promise</);
    if (call) found.push(className && !line.startsWith('export') ? `${className}.${call[1]}` : call[1]);
  }
  assert.deepEqual(found.sort(), Object.keys(ASYNC_NATIVE).sort());
  for (const names of Object.values(ASYNC_NATIVE)) for (const name of names) assert.ok(CASES.includes(name), name);
});

const IN_PLACE_SORT = `
  const workers = require('./lib/workers.js');
  const values = new Float64Array(new SharedArrayBuffer(8 * 8_000_000));
  for (let i = 0; i < values.length; i++) values[i] = Math.sin(i) * 1e6;
`;

test('a Worker terminated while a kernel sorts its own SharedArrayBuffer in place waits for the kernel to stop', () => {
  const result = runNode([
    '--expose-gc',
    '-e',
    `const { Worker } = require('node:worker_threads');
     let rounds = 0;
     const round = () => {
       const worker = new Worker(${JSON.stringify(IN_PLACE_SORT)} + \`
         workers.sort(values);
         workers.sort(values, { descending: true });
         require('node:worker_threads').parentPort.postMessage('sorting');\`, { eval: true });
       worker.on('message', async () => {
         await worker.terminate();
         global.gc();
         const kept = [];
         for (let i = 0; i < 64; i++) kept.push(Buffer.alloc(1 << 20, i));
         if (++rounds < 4) round(); else console.log('survived', rounds, kept.length);
       });
     };
     round();`,
  ]);
  assert.equal(result.signal, null, result.stderr);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /survived 4 64/);
});

test('a process that exits while a kernel sorts a SharedArrayBuffer in place exits cleanly', () => {
  const result = runNode(['-e', `${IN_PLACE_SORT} workers.sort(values); setImmediate(() => process.exit(0));`]);
  assert.equal(result.signal, null, result.stderr);
  assert.equal(result.status, 0, result.stderr);
});
