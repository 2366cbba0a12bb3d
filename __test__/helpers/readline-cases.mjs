// Random texts and chunkings that stress readline's line rules: every break kind,
// multi-byte characters cut by chunk edges, and bytes that are not UTF-8 (lone lead
// and continuation bytes, truncated, overlong and surrogate sequences, 0xFF), which
// decoders must turn into U+FFFD exactly as Node's does.

import { seededRandom } from './random.mjs';

const TEXT_PIECES = ['a', 'line', ' ', '\n', '\r\n', '\r', '\n\n', 'é', '日本', '😀', '\u2028', '\u2029', '\ufeff', 'x'.repeat(300)];
const INVALID_UTF8 = [[0xff], [0xc3], [0x80], [0xe6, 0x97], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98]];

/**
 * `count` cases of { text, bytes, chunks }: `bytes` is the input, `chunks` cuts it at
 * random places, `text` labels it (its bytes as latin1, so a failure shows them).
 * About one case in three carries invalid UTF-8.
 */
export function randomTexts({ seed, count }) {
  const random = seededRandom(seed);
  const cases = [];
  for (let i = 0; i < count; i++) {
    const invalid = random.int(0, 2) === 0;
    const parts = [];
    for (let n = random.int(0, 40); n > 0; n--) {
      parts.push(invalid && random.int(0, 4) === 0 ? Buffer.from(random.pick(INVALID_UTF8)) : Buffer.from(random.pick(TEXT_PIECES)));
    }
    const bytes = Buffer.concat(parts);
    const cuts = Array.from({ length: random.int(0, 8) }, () => random.int(0, bytes.length)).sort((a, b) => a - b);
    const chunks = [];
    let start = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (cut > start) chunks.push(bytes.subarray(start, cut));
      start = cut;
    }
    cases.push({ text: bytes.toString('latin1'), bytes, chunks });
  }
  return cases;
}
