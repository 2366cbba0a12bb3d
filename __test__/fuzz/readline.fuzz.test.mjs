// Differential fuzz of hotpath/readline's Interface against node:readline's: random
// text (\n, \r\n, lone \r, U+2028/2029, invalid UTF-8) cut at random places, read by
// 'line' events and by for await, with random crlfDelay.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import nodeReadline from 'node:readline';
import { fuzzFor, randomChunks } from './budget.mjs';

const require = createRequire(import.meta.url);
const face = require('../../lib/readline.js');

const PIECES = ['a', 'line', ' ', '\n', '\r\n', '\r', '\u2028', '\u2029', 'é', '€', '😀', '\n\n', '\r\r\n'];

function bytesFor(random) {
  const parts = [];
  for (let i = random.pick([0, random.int(1, 20), random.int(20, 3000)]); i > 0; i--) {
    parts.push(random.int(0, 30) === 0 ? random.bytes(random.int(1, 3)) : Buffer.from(random.pick(PIECES)));
  }
  return Buffer.concat(parts);
}

function byEvents(readline, chunks, options) {
  return new Promise((resolve, reject) => {
    const lines = [];
    const rl = readline.createInterface({ input: Readable.from(chunks), ...options });
    rl.on('line', (line) => lines.push(line));
    rl.on('close', () => resolve(lines));
    rl.on('error', reject);
  });
}

async function byIteration(readline, chunks, options) {
  const lines = [];
  for await (const line of readline.createInterface({ input: Readable.from(chunks), ...options })) lines.push(line);
  return lines;
}

test('createInterface gives the built-in lines in any chunking, by events and by for await', async () => {
  await fuzzFor('readline', async (random) => {
    const chunks = randomChunks(random, bytesFor(random), { short: 8, long: 2000 });
    // No finite crlfDelay: a \r and \n split over chunks then depend on the clock.
    const options = { crlfDelay: random.pick([Infinity, 2 ** 31]) };
    const read = random.int(0, 1) === 0 ? byEvents : byIteration;
    assert.deepEqual(await read(face, chunks, options), await read(nodeReadline, chunks, options));
  });
});
