'use strict';

// `npm run test:matrix [-- 22 24 …]`: runs the JS suites under every supported Node
// (20, 22, 24, 26 by default; binaries from node-versions.js) and prints one summary
// line per version. The addon is the one already built: N-API keeps one binary
// working on every version.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, SUPPORTED, CACHE, registryPackage, binaryFor, installMissing, askedMajors, shown } = require('./node-versions.js');

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
  const { majors } = askedMajors(process.argv.slice(2), SUPPORTED);
  const unavailable = installMissing(majors, 'test:matrix');
  let ok = true;
  for (const major of majors) {
    if (unavailable.includes(major)) {
      console.log(`FAIL Node ${major}: no binary (npm could not install ${registryPackage(major)})`);
      ok = false;
      continue;
    }
    ok = runSuites(major, binaryFor(major)) && ok;
  }
  process.exitCode = ok ? 0 : 1;
}

main();
