'use strict';

// `npm run test:js`: runs every __test__/*.test.mjs and __test__/fuzz/*.test.mjs under the Node that runs this
// script. The files are named one by one because Node 22+ reads `node --test DIR` as a
// module path, while Node 20 has no glob support in --test arguments; a list works on
// every version. Extra arguments (e.g. --test-reporter=spec) go to `node --test`.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const TEST_DIR = path.join(__dirname, '..', '__test__');

/** Every *.test.mjs in __test__ and in __test__/fuzz (the differential fuzz suites). */
function testFiles() {
  return [TEST_DIR, path.join(TEST_DIR, 'fuzz')].flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.test.mjs'))
      .sort()
      .map((name) => path.join(dir, name)),
  );
}

if (require.main === module) {
  const result = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...testFiles()], {
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  process.exitCode = result.status === null ? 1 : result.status;
}

module.exports = { testFiles };
