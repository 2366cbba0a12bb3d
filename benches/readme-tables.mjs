// node benches/readme-tables.mjs [--write] [module …]: each module's bench rows as the
// docs show them, from benches/results.json: the ratio to the running version's own
// built-in (or the named plain-Node way) under Node 24 and Node 26, Node 24's best peer,
// Node 22 and 20, and Node 24's note. A † marks a version where hotpath's call is the
// built-in's own function. Prints the tables, or with --write replaces each
// `<!-- bench:module -->` … `<!-- /bench:module -->` block of docs/*.md and
// benches/README.md with its table, and README.md's `<!-- bench:summary -->` block with
// the summary rows (SUMMARY below) under Node 24.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes, VERSION_ORDER } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
// Where the blocks live: the README (the summary), each module's reference page and the
// benches' own README (the module tables).
const BLOCK_FILES = [
  path.join(ROOT, 'README.md'),
  ...fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => path.join(ROOT, 'docs', name)),
  path.join(HERE, 'README.md'),
];

// The README's speed summary: one row per thing a user does most, [module, case, what it is].
const SUMMARY = [
  ['zlib', 'gzipSync L6', 'gzipSync, default level, 64 MiB of text'],
  ['zlib', 'gunzipSync', 'gunzipSync, 64 MiB of text'],
  ['zlib', 'gzip(buf, cb), parallel', 'gzip(buf, cb) of 64 MiB, on every core'],
  ['zlib', '1 KiB JSON gzip + gunzip (callbacks)', 'a 1 KiB JSON message through gzip + gunzip callbacks'],
  ['servers', 'fastify + @fastify/compress: JSON (25 KB) as gzip', 'fastify + @fastify/compress, 25 KB JSON as gzip (requests/s)'],
  ['crypto', 'hashMany sha256, 100,000 × 64 B', 'sha256 of 100,000 small buffers: hashMany() vs a crypto.hash() loop'],
  ['string_decoder', 'utf8 write(), 64 KiB chunks, Japanese text', 'StringDecoder, UTF-8 Japanese text in 64 KiB chunks'],
  ['readline', 'lines({ batch: true })', 'lines of a 64 MiB file: lines({ batch: true }) vs for await over readline'],
  ['buffer', 'indexOf, a 17-byte needle 1000 bytes before the end', 'indexOf of a 17-byte needle in 64 MiB'],
  ['workers', 'sort 10M Float64', 'sort 10M Float64 vs TypedArray#sort'],
];
const { versions } = JSON.parse(fs.readFileSync(path.join(HERE, 'results.json'), 'utf8'));
const NODES_OWN = /Node's own/;

function cell(row) {
  if (!row) return '–';
  const text = row.unit === 'ms' ? `${(row.times.hotpath / 1e6).toFixed(2)} ms` : `${row.ratio.toFixed(2)}×`;
  const own = NODES_OWN.test(`${row.case} ${row.note || ''}`) ? ' †' : '';
  return row.ratio < 0.95 && !own ? `**${text}**` : `${text}${own}`;
}

// The same row under another Node: same case, same input as the table shows it. Inputs
// built from text on this machine (the NDJSON records) may differ by a few bytes
// between runs; that is still the row.
const inputLabel = (row) => (row.bytes ? formatBytes(row.bytes) : '');
const find = (major, module, row) =>
  versions[major]?.[module]?.rows.find((r) => r.case === row.case && inputLabel(r) === inputLabel(row));

function table(module) {
  const base = versions['24']?.[module] || versions['26']?.[module];
  if (!base) return `(no ${module} results)`;
  const lines = [
    '| case | input | baseline | Node 24 | Node 26 | hotpath ÷ best peer (Node 24) | Node 22 / 20 | note (Node 24) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of base.rows) {
    const peer = row.bestPeer ? `${row.bestPeer.hotpathRatio.toFixed(2)}× ${row.bestPeer.name}` : '–';
    const older = `${cell(find('22', module, row))} / ${cell(find('20', module, row))}`;
    const input = inputLabel(row);
    const note = (row.note || '').replace(/\|/g, '\\|');
    lines.push(`| ${row.case} | ${input} | ${row.builtinName} | ${cell(row)} | ${cell(find('26', module, row))} | ${peer} | ${older} | ${note} |`);
  }
  const measured = VERSION_ORDER.filter((m) => versions[m]?.[module]).map((m) => {
    const entry = versions[m][module];
    return `${entry.node} (${entry.measuredAt.slice(0, 10)})`;
  });
  return [
    lines.join('\n'),
    '',
    `Ratios: the baseline's time ÷ hotpath's (above 1 = hotpath faster); the peer column likewise against the best peer. Measured under ${measured.join(', ')}. Bold: below 0.95×. †: on that version hotpath's call is the built-in's own function.`,
  ].join('\n');
}

function summary() {
  const lines = ['| what | hotpath ÷ Node 24 (above 1 = hotpath faster) |', '| --- | --- |'];
  for (const [module, name, what] of SUMMARY) {
    const row = versions['24']?.[module]?.rows.find((r) => r.case === name);
    lines.push(`| ${what} | ${row ? `${row.ratio.toFixed(2)}×` : '–'} |`);
  }
  const measured = versions['24'] ? Object.values(versions['24'])[0].node : 'Node 24';
  return `${lines.join('\n')}\n\nMedians on a shared 2-core machine under ${measured}; every result checked equal to the built-in's first.`;
}

/** `text` with the block between `<!-- bench:name -->` and its end replaced by `body`, or null if it has none. */
function replaceBlock(text, name, body) {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) return null;
  return `${text.slice(0, start + open.length)}\n${body}\n${text.slice(end)}`;
}

const args = process.argv.slice(2);
const write = args.includes('--write');
const wanted = args.filter((a) => a !== '--write');
const modules = wanted.length > 0 ? wanted : Object.keys(versions['24'] || versions['26'] || {});

// Each block's body by name: the modules' tables and the summary.
const blocks = [...modules.map((module) => [module, table(module)]), ['summary', summary()]];

if (!write) {
  for (const [name, body] of blocks) console.log(`## ${name}\n\n${body}\n`);
} else {
  for (const file of BLOCK_FILES) {
    let text = fs.readFileSync(file, 'utf8');
    const written = [];
    for (const [name, body] of blocks) {
      const next = replaceBlock(text, name, body);
      if (next === null) continue;
      text = next;
      written.push(name);
    }
    if (written.length > 0) {
      fs.writeFileSync(file, text);
      console.log(`${path.relative(ROOT, file)}: ${written.join(', ')} written`);
    }
  }
}
