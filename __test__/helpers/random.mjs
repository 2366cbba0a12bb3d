// A small seeded PRNG (mulberry32) so randomised tests replay exactly.

export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const bytes = (length) => {
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
    return out;
  };
  const pick = (items) => items[Math.floor(next() * items.length)];
  return { next, int, bytes, pick };
}

/** A random string mixing ASCII, 2-, 3- and 4-byte UTF-8 and lone surrogates. */
export function randomText(random, length) {
  const pieces = ['a', 'Z', ' ', '\n', 'é', 'ß', '€', '日本', '😀', '\ud800', '\udfff', '\u0000'];
  let text = '';
  while (text.length < length) text += random.pick(pieces);
  return text;
}

/** Cuts `input` (bytes or a string) at random places into pieces of 1..maxPiece units. */
export function randomPieces(random, input, maxPiece) {
  const pieces = [];
  for (let at = 0; at < input.length; ) {
    const next = Math.min(input.length, at + random.int(1, maxPiece));
    pieces.push(typeof input === 'string' ? input.slice(at, next) : input.subarray(at, next));
    at = next;
  }
  return pieces;
}
