'use strict';

// The Node versions hotpath supports, and their binaries: the running Node serves its
// own major; the others are the npm registry's node-<os>-<arch> packages (real Node
// binaries), installed by npm into a git-ignored cache (.cache/node-versions, or
// $HOTPATH_NODES). Nothing else is downloaded. Used by test:matrix and bench:matrix.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const SUPPORTED = [20, 22, 24, 26];
// The order results are shown and benches run in: the LTS most users run, then the newest.
const SHOWN_ORDER = [24, 26, 22, 20];
const CACHE = path.resolve(process.env.HOTPATH_NODES || path.join(ROOT, '.cache', 'node-versions'));
const RUNNING_MAJOR = Number(process.versions.node.split('.')[0]);

function registryPackage(major) {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}@${major}`;
}

function cachedBinary(major) {
  const bin = process.platform === 'win32' ? 'node.exe' : path.join('bin', 'node');
  return path.join(CACHE, 'node_modules', `node${major}`, bin);
}

/** The binary that runs `major`: this process's own, or the cached one. */
function binaryFor(major) {
  return major === RUNNING_MAJOR ? process.execPath : cachedBinary(major);
}

function npmCommand() {
  // Under `npm run`, npm names itself; run that same npm with this Node.
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) return [process.execPath, [npmCli]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

/** A path as short as it reads well: relative inside the checkout, absolute outside. */
function shown(file) {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

/** Installs the Node binaries that are not cached yet; returns the ones it could not get. */
function installMissing(majors, who) {
  const missing = majors.filter((major) => major !== RUNNING_MAJOR && !fs.existsSync(cachedBinary(major)));
  if (missing.length === 0) return [];
  fs.mkdirSync(CACHE, { recursive: true });
  const manifest = path.join(CACHE, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{ "private": true }\n');
  const [command, prefixArgs] = npmCommand();
  const specs = missing.map((major) => `node${major}@npm:${registryPackage(major)}`);
  console.log(`${who}: installing ${specs.join(' ')} into ${shown(CACHE)}`);
  const result = spawnSync(
    command,
    [...prefixArgs, 'install', '--prefix', CACHE, '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) console.error(`${who}: npm install failed (${result.error || `status ${result.status}`})`);
  return missing.filter((major) => !fs.existsSync(cachedBinary(major)));
}

/** The majors named in `args` (others are left in `rest`), or `fallback`. */
function askedMajors(args, fallback) {
  const majors = args.map(Number).filter((major) => SUPPORTED.includes(major));
  const rest = args.filter((arg) => !SUPPORTED.includes(Number(arg)));
  return { majors: majors.length > 0 ? majors : fallback, rest };
}

module.exports = { ROOT, SUPPORTED, SHOWN_ORDER, CACHE, RUNNING_MAJOR, registryPackage, binaryFor, installMissing, askedMajors, shown };
