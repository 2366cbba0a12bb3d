'use strict';

// `npm install` runs this (the `prepare` script): build the native addon from source
// when none is present, or when the Rust sources are newer than the one that is.
// A fresh clone therefore needs nothing but `npm install`.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const SOURCES = ['src', 'Cargo.toml', 'Cargo.lock', 'build.rs'];

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function builtAddons() {
  return fs
    .readdirSync(ROOT)
    .filter((name) => name.startsWith('hotpath.') && name.endsWith('.node'))
    .map((name) => fs.statSync(path.join(ROOT, name)).mtimeMs);
}

function needsBuild() {
  const addons = builtAddons();
  if (addons.length === 0 || !fs.existsSync(path.join(ROOT, 'binding.js'))) return 'no native addon is built yet';
  const sources = Math.max(...SOURCES.map((entry) => newestMtime(path.join(ROOT, entry))));
  if (sources > Math.max(...addons)) return 'the Rust sources changed since the last build';
  return null;
}

const reason = needsBuild();
if (reason === null) process.exit(0);

console.log(`hotpath: building the native addon (${reason})…`);
const cli = require.resolve('@napi-rs/cli/package.json');
const bin = path.join(path.dirname(cli), require(cli).bin.napi);
const result = spawnSync(
  process.execPath,
  [bin, 'build', '--platform', '--release', '--no-js', '--dts', 'binding.d.ts'],
  { cwd: ROOT, stdio: 'inherit' },
);
if (result.error) throw result.error;
if (result.status !== 0) {
  console.error('hotpath: the native build failed; a Rust toolchain (cargo) is needed to build from source.');
  process.exit(result.status || 1);
}
