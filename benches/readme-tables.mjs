// node benches/readme-tables.mjs [--write] [module …]: each module's bench rows as the
// README shows them, from benches/results.json: the ratio to the running version's own
// built-in (or the named plain-Node way) under Node 24 and Node 26, Node 24's best peer,
// Node 22 and 20, and Node 24's note. A † marks a version where hotpath's call is the
// built-in's own function. Prints the tables, or with --write replaces each
// `<!-- bench:module -->` … `<!-- /bench:module -->` block of README.md with its table.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes, VERSION_ORDER } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const README = path.join(HERE, '..', 'README.md');
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
    '| case | input | baseline | Node 24 | Node 26 | best peer (Node 24) | Node 22 / 20 | note (Node 24) |',
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
    `Measured under ${measured.join(', ')}. Bold: below 0.95×. †: on that version hotpath's call is the built-in's own function.`,
  ].join('\n');
}

const args = process.argv.slice(2);
const write = args.includes('--write');
const wanted = args.filter((a) => a !== '--write');
const modules = wanted.length > 0 ? wanted : Object.keys(versions['24'] || versions['26'] || {});

if (!write) {
  for (const module of modules) console.log(`## ${module}\n\n${table(module)}\n`);
} else {
  let text = fs.readFileSync(README, 'utf8');
  for (const module of modules) {
    const open = `<!-- bench:${module} -->`;
    const close = `<!-- /bench:${module} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) {
      console.log(`README.md has no ${open} … ${close} block: ${module} left out`);
      continue;
    }
    text = `${text.slice(0, start + open.length)}\n${table(module)}\n${text.slice(end)}`;
    console.log(`README.md: ${module} table written`);
  }
  fs.writeFileSync(README, text);
}
