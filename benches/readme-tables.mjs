// node benches/readme-tables.mjs [module …]: prints, from benches/results.json, each
// module's bench rows as the README shows them: the ratio to the running version's own
// built-in (or the named plain-Node way) under Node 24 and Node 26, Node 24's best peer,
// and Node 20 and 22 in a column of their own.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { versions } = JSON.parse(fs.readFileSync(path.join(HERE, 'results.json'), 'utf8'));

const ratio = (row) => {
  if (!row) return '–';
  const text = row.unit === 'ms' ? `${(row.times.hotpath / 1e6).toFixed(2)} ms` : `${row.ratio.toFixed(2)}×`;
  return row.ratio < 0.95 ? `**${text}**` : text;
};
const find = (major, module, row) => versions[major]?.[module]?.rows.find((r) => r.case === row.case && r.bytes === row.bytes);

function table(module) {
  const base = versions['24']?.[module] || versions['26']?.[module];
  if (!base) return `(no ${module} results)`;
  const lines = [
    `| case | input | baseline | Node 24 | Node 26 | best peer (Node 24) | Node 22 / 20 |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of base.rows) {
    const peer = row.bestPeer ? `${row.bestPeer.hotpathRatio.toFixed(2)}× ${row.bestPeer.name}` : '–';
    const older = `${ratio(find('22', module, row))} / ${ratio(find('20', module, row))}`;
    const input = row.bytes ? formatBytes(row.bytes) : '';
    lines.push(`| ${row.case} | ${input} | ${row.builtinName} | ${ratio(row)} | ${ratio(find('26', module, row))} | ${peer} | ${older} |`);
  }
  const measured = ['24', '26', '22', '20'].filter((m) => versions[m]?.[module]).map((m) => versions[m][module].node).join(', ');
  return `${lines.join('\n')}\n\nMeasured under ${measured}.`;
}

const wanted = process.argv.slice(2);
const modules = wanted.length > 0 ? wanted : Object.keys(versions['24'] || versions['26'] || {});
for (const module of modules) console.log(`## ${module}\n\n${table(module)}\n`);
