import { englishText, chunksOf } from './corpus.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const hotpath = require('hotpath/readline');
const chunks = chunksOf(englishText(64 << 20), 64 << 10);
for (let k = 0; k < 2; k++) {
  let t = Date.now();
  for (let r = 0; r < 8; r++) { let count = 0; for await (const batch of hotpath.lines(chunks, { batch: true })) for (const line of batch) count += line.length; }
  const batchMs = (Date.now() - t) / 8; t = Date.now();
  for (let r = 0; r < 4; r++) { let count = 0; for await (const line of hotpath.lines(chunks)) count += line.length; }
  console.log('batch ms', batchMs, 'per-line ms', (Date.now() - t) / 4);
}
