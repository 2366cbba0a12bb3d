'use strict';

// `npm run fuzz -- <target> [seconds]`: runs one cargo-fuzz target over its corpus in
// fuzz/corpus/<target> (seeded by fuzz/seed-corpus.js on first use), for `seconds`
// (default 60). cargo-fuzz needs a nightly toolchain and `cargo install cargo-fuzz`;
// neither is needed by `npm test`. Without a target it lists them.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { targets } = require('../fuzz/seed-corpus.js');

const root = path.join(__dirname, '..');
const [target, seconds = '60', ...extra] = process.argv.slice(2);

if (!targets.includes(target)) {
  console.log(`fuzz targets: ${targets.join(', ')}\nusage: npm run fuzz -- <target> [seconds]`);
  process.exit(target ? 2 : 0);
}
const probe = spawnSync('cargo', ['+nightly', 'fuzz', '--version'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error('cargo-fuzz on a nightly toolchain is needed: rustup toolchain install nightly && cargo install cargo-fuzz');
  process.exit(2);
}
const corpus = path.join(root, 'fuzz', 'corpus', target);
if (!fs.existsSync(corpus) || fs.readdirSync(corpus).length === 0) {
  spawnSync(process.execPath, [path.join(root, 'fuzz', 'seed-corpus.js'), target, corpus], { stdio: 'inherit' });
}
const run = spawnSync(
  'cargo',
  ['+nightly', 'fuzz', 'run', '-O', target, corpus, '--', `-max_total_time=${Number(seconds)}`, '-max_len=65536', '-timeout=30', ...extra],
  { cwd: path.join(root, 'fuzz'), stdio: 'inherit' },
);
process.exit(run.status ?? 1);
