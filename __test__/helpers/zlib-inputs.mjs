// Inputs for the zlib suites: compressible random bytes and real text.

import { readdirSync, readFileSync } from 'node:fs';

/** Compressible random bytes: runs and repeats of a small alphabet, plus noise. */
export function sampleInput(random, length) {
  const out = Buffer.allocUnsafe(length);
  let i = 0;
  while (i < length) {
    const kind = random.int(0, 3);
    const run = Math.min(length - i, random.int(1, 300));
    if (kind === 0) out.fill(random.int(0, 255), i, i + run);
    else if (kind === 1 && i > 64) out.copyWithin(i, i - random.int(1, 64), i - random.int(1, 64) + run);
    else for (let j = 0; j < run; j++) out[i + j] = 97 + random.int(0, kind === 2 ? 3 : 25);
    i += run;
  }
  return out;
}

/** Real text: this package's own JS and Rust sources, repeated to `length` bytes. */
export function sourceText(length) {
  const root = new URL('../..', import.meta.url);
  const files = [];
  for (const dir of ['lib', 'src']) {
    const names = readdirSync(new URL(`${dir}/`, root), { recursive: true }).map(String).sort();
    for (const name of names) {
      if (/\.(js|rs|ts)$/.test(name)) files.push(readFileSync(new URL(`${dir}/${name}`, root)));
    }
  }
  const unit = Buffer.concat(files);
  const out = Buffer.alloc(length);
  for (let at = 0; at < length; at += unit.length) unit.copy(out, at, 0, Math.min(unit.length, length - at));
  return out;
}

/** The callback form of a *Sync function's name. */
export const asyncName = (syncName) => syncName.replace(/Sync$/, '');
