'use strict';

// `npm run test:matrix [-- 22 24 …]`: runs the JS suites under every supported Node
// (20, 22, 24, 26 by default) and prints one summary line per version. The running
// Node serves its own major; the others are the npm registry's node-<os>-<arch>
// packages (real Node binaries), installed by npm into a git-ignored cache
// (.cache/node-versions, or $HOTPATH_NODES). Nothing else is downloaded. The addon is
// the one already built: N-API keeps one binary working on every version.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const SUPPORTED = [20, 22, 24, 26];
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

function npmCommand() {
  // Under `npm run`, npm names itself; run that same npm with this Node.
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) return [process.execPath, [npmCli]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

/** Installs the Node binaries that are not cached yet; returns the ones it could not get. */
function installMissing(majors) {
  const missing = majors.filter((major) => major !== RUNNING_MAJOR && !fs.existsSync(cachedBinary(major)));
  if (missing.length === 0) return [];
  fs.mkdirSync(CACHE, { recursive: true });
  const manifest = path.join(CACHE, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{ "private": true }\n');
  const [command, prefixArgs] = npmCommand();
  const specs = missing.map((major) => `node${major}@npm:${registryPackage(major)}`);
  console.log(`test:matrix: installing ${specs.join(' ')} into ${shown(CACHE)}`);
  const result = spawnSync(
    command,
    [...prefixArgs, 'install', '--prefix', CACHE, '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) console.error(`test:matrix: npm install failed (${result.error || `status ${result.status}`})`);
  return missing.filter((major) => !fs.existsSync(cachedBinary(major)));
}

/** A path as short as it reads well: relative inside the checkout, absolute outside. */
function shown(file) {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

function summarize(output) {
  const count = (label) => {
    const match = output.match(new RegExp(`^\\S+ ${label} (\\d+)$`, 'm'));
    return match ? Number(match[1]) : NaN;
  };
  const failing = [];
  const failingAt = output.indexOf('failing tests:');
  if (failingAt !== -1) {
    for (const line of output.slice(failingAt).split('\n')) {
      const match = line.match(/^\s*✖ (.*?)(?: \([\d.]+m?s\))?$/);
      if (match && match[1] !== 'failing tests:' && !failing.includes(match[1])) failing.push(match[1]);
    }
  }
  return { tests: count('tests'), pass: count('pass'), fail: count('fail'), skipped: count('skipped'), failing };
}

function runSuites(major, bin) {
  const started = Date.now();
  const env = { ...process.env, PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}` };
  const result = spawnSync(bin, [path.join(__dirname, 'test-js.js'), '--test-reporter=spec'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  const output = `${result.stdout || ''}${result.stderr || ''}`;
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim() || `v${major}`;
  fs.mkdirSync(path.join(CACHE, 'logs'), { recursive: true });
  const log = path.join(CACHE, 'logs', `node${major}.log`);
  fs.writeFileSync(log, output);
  const summary = summarize(output);
  const ok = result.status === 0 && summary.fail === 0;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    // Tests that need a newer Node (e.g. Float16Array) skip themselves on older ones.
    `${ok ? 'ok  ' : 'FAIL'} Node ${version}: ${summary.tests} tests, ${summary.pass} passed, ${summary.fail} failed` +
      `${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''} ` +
      `(${seconds} s; log ${shown(log)})`,
  );
  for (const name of summary.failing.slice(0, 20)) console.log(`       ✖ ${name}`);
  if (!ok && summary.failing.length === 0) console.log(output.split('\n').slice(-15).join('\n'));
  return ok;
}

function main() {
  const asked = process.argv.slice(2).map(Number).filter((major) => SUPPORTED.includes(major));
  const majors = asked.length > 0 ? asked : SUPPORTED;
  const unavailable = installMissing(majors);
  let ok = true;
  for (const major of majors) {
    if (unavailable.includes(major)) {
      console.log(`FAIL Node ${major}: no binary (npm could not install ${registryPackage(major)})`);
      ok = false;
      continue;
    }
    const bin = major === RUNNING_MAJOR ? process.execPath : cachedBinary(major);
    ok = runSuites(major, bin) && ok;
  }
  process.exitCode = ok ? 0 : 1;
}

main();
