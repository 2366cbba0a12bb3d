'use strict';

// `npm run bench:matrix [-- 24 26 …] [-- module …]`: `npm run bench` under each
// supported Node (24, 26, 22, 20 by default: the README's order; binaries from
// node-versions.js), one after the other so runs never share the cores. Each run
// replaces its own version's tables in benches/results.json and RESULTS.md; at the
// end the docs' module tables and the README's summary get the new ratios
// (benches/readme-tables.mjs).

const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, SHOWN_ORDER, registryPackage, binaryFor, installMissing, askedMajors } = require('./node-versions.js');

function main() {
  const { majors, rest: modules } = askedMajors(process.argv.slice(2), SHOWN_ORDER);
  const unavailable = installMissing(majors, 'bench:matrix');
  let ok = true;
  for (const major of majors) {
    if (unavailable.includes(major)) {
      console.log(`bench:matrix: no Node ${major} (npm could not install ${registryPackage(major)})`);
      ok = false;
      continue;
    }
    const result = spawnSync(binaryFor(major), [path.join(ROOT, 'benches', 'run.mjs'), ...modules], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      console.log(`bench:matrix: the run under Node ${major} failed (${result.error || `status ${result.status}`})`);
      ok = false;
    }
  }
  spawnSync(process.execPath, [path.join(ROOT, 'benches', 'readme-tables.mjs'), '--write', ...modules], { cwd: ROOT, stdio: 'inherit' });
  process.exitCode = ok ? 0 : 1;
}

main();
