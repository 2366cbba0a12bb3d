// Random texts and chunkings that stress readline's line rules.

import { seededRandom } from './random.mjs';

const PIECES = ['a', 'line', ' ', '\n', '\r\n', '\r', '\n\n', 'é', '日本', '😀', '\u2028', '\u2029', '\ufeff', 'x'.repeat(300)];

export function randomTexts({ seed, count }) {
  const random = seededRandom(seed);
  const cases = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let n = random.int(0, 40); n > 0; n--) text += random.pick(PIECES);
    const bytes = Buffer.from(text);
    const cuts = Array.from({ length: random.int(0, 8) }, () => random.int(0, bytes.length)).sort((a, b) => a - b);
    const chunks = [];
    let start = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (cut > start) chunks.push(bytes.subarray(start, cut));
      start = cut;
    }
    cases.push({ text, chunks });
  }
  return cases;
}
