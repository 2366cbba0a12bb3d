// Benchmark inputs built from real text on this machine, the same on every run:
// licenses and JavaScript sources for ASCII-heavy text, TypeScript's translated
// diagnostic messages for Japanese, Chinese, Korean and Western European prose.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');

function repeatTo(text, bytes) {
  const unit = Buffer.from(text);
  const out = Buffer.allocUnsafe(bytes);
  for (let at = 0; at < bytes; at += unit.length) unit.copy(out, at, 0, Math.min(unit.length, bytes - at));
  return out;
}

function filesUnder(dir, suffix, limit) {
  const found = [];
  const walk = (at) => {
    if (found.length >= limit) return;
    let entries;
    try {
      entries = fs.readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(suffix)) found.push(full);
      if (found.length >= limit) return;
    }
  };
  walk(dir);
  return found;
}

/** ASCII-heavy real text: license texts and JavaScript sources, as UTF-8 bytes. */
export function englishText(bytes) {
  const parts = filesUnder('/usr/share/common-licenses', '', 50).map((f) => fs.readFileSync(f, 'utf8'));
  for (const file of filesUnder(path.join(ROOT, 'node_modules'), '.js', 400)) parts.push(fs.readFileSync(file, 'utf8'));
  return repeatTo(parts.join('\n'), bytes);
}

/** The messages of TypeScript's diagnostics in `language` (ja, zh-cn, ko, fr, de …). */
export function translatedText(language) {
  const file = path.join(path.dirname(require.resolve('typescript/package.json')), 'lib', language, 'diagnosticMessages.generated.json');
  return Object.values(JSON.parse(fs.readFileSync(file, 'utf8'))).join('\n');
}

export function japaneseText(bytes) {
  return repeatTo(translatedText('ja'), bytes);
}

/** A small JSON API response (~1 KiB), the body most compressed HTTP responses are like. */
export const JSON_1K = Buffer.from(
  JSON.stringify({
    id: 12345,
    user: { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['admin', 'editor'] },
    items: Array.from({ length: 12 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i % 4, price: 9.99 + i })),
    note: 'Compressed HTTP responses are mostly small JSON documents like this one.',
  }),
);

/** Cuts `bytes` into views of `size` bytes (the last may be shorter). */
export function chunksOf(bytes, size) {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/** NDJSON of ~150-byte records built from words of the real-text corpus. */
export function ndjsonText(bytes) {
  const words = englishText(1 << 20).toString('latin1').split(/[^A-Za-z]+/).filter((w) => w.length > 2);
  const lines = [];
  let size = 0;
  for (let id = 0; size < bytes; id++) {
    const pick = (k) => words[(id * 7919 + k * 104729) % words.length];
    const record = { id, name: `${pick(1)} ${pick(2)}`, active: id % 3 === 0, score: (id % 1000) / 10, tags: [pick(3), pick(4)], text: `${pick(5)} ${pick(6)} ${pick(7)} ${pick(8)}` };
    const line = `${JSON.stringify(record)}\n`;
    lines.push(line);
    size += line.length;
  }
  const all = Buffer.from(lines.join(''));
  return all.subarray(0, all.lastIndexOf(10, bytes - 1) + 1); // whole records only
}
