import { englishText, chunksOf } from './corpus.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const native = require('../binding.js');
const chunks = chunksOf(englishText(64 << 20), 64 << 10);
const state = Buffer.alloc(7); state[6] = 1;
const breaks = new Uint32Array(300000);
const { latin1Slice } = Buffer.prototype;
for (let k = 0; k < 3; k++) {
  let t = process.hrtime.bigint();
  for (const c of chunks) native.decodeLines(state, c, breaks, true);
  const a = Number(process.hrtime.bigint() - t) / 1e6; t = process.hrtime.bigint();
  for (const c of chunks) latin1Slice.call(c);
  const b = Number(process.hrtime.bigint() - t) / 1e6; t = process.hrtime.bigint();
  let n = 0;
  for (const c of chunks) { const text = native.decodeLines(state, c, breaks, true); const count = breaks[0]; let s = 0; for (let i = 0; i < count; i++) { n += text.slice(s, breaks[1 + 2 * i]).length; s = breaks[2 + 2 * i]; } }
  const d = Number(process.hrtime.bigint() - t) / 1e6;
  console.log('decodeLines ms', a.toFixed(1), 'latin1Slice ms', b.toFixed(1), 'decode+slice all lines ms', d.toFixed(1));
}
