// The release workflow a napi-rs package ships (.github/workflows/release.yml) cannot run
// here, so it is checked: valid for GitHub Actions by @action-validator/cli (a
// devDependency), and holding what releasing hotpath needs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './helpers/child-node.mjs';

const require = createRequire(import.meta.url);
const pkg = require('../package.json');
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'release.yml');
const text = fs.readFileSync(WORKFLOW, 'utf8');
const VALIDATOR = path.join(path.dirname(require.resolve('@action-validator/cli/package.json')), 'cli.mjs');

/** The lines of one job (from `  name:` at two spaces to the next job). */
function job(name) {
  const start = text.indexOf(`\n  ${name}:\n`);
  assert.ok(start >= 0, `job ${name}`);
  const next = text.slice(start + 1).search(/\n {2}[\w-]+:\n/);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

test('the release workflow is valid for GitHub Actions (action-validator)', () => {
  const result = spawnSync(process.execPath, [VALIDATOR, WORKFLOW], { encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
});

test('the action validator refuses a broken workflow (the check can fail)', (t) => {
  const broken = path.join(fs.mkdtempSync(path.join(ROOT, '.cache', 'workflow-')), 'broken.yml');
  t.after(() => fs.rmSync(path.dirname(broken), { recursive: true, force: true }));
  fs.writeFileSync(broken, text.replace('runs-on: ${{ matrix.host }}', 'runs_on: ${{ matrix.host }}'));
  assert.notEqual(spawnSync(process.execPath, [VALIDATOR, broken], { encoding: 'utf8' }).status, 0);
});

test('the build job builds every napi.targets entry', () => {
  const built = [...job('build').matchAll(/target: ([\w-]+)/g)].map((match) => match[1]);
  assert.deepEqual(built.sort(), [...pkg.napi.targets].sort());
});

test('the test job runs the suites on Node 20, 22, 24 and 26, on built targets only', () => {
  const tests = job('test');
  assert.match(tests, /node: \[20, 22, 24, 26\]/);
  assert.match(tests, /npm run test:js/);
  for (const [, target] of tests.matchAll(/target: ([\w-]+)/g)) assert.ok(pkg.napi.targets.includes(target), target);
});

test('publishing happens on a v* tag only, after build and test, with provenance', () => {
  const publish = job('publish');
  assert.match(publish, /if: startsWith\(github\.ref, 'refs\/tags\/v'\)/);
  assert.match(publish, /needs: \[build, test\]/);
  assert.match(publish, /id-token: write/);
  assert.match(publish, /npx napi artifacts/);
  assert.match(publish, /npm publish --provenance/);
});

test('provenance can name the source: every package has the repository it is published from', () => {
  assert.match(pkg.repository.url, /github\.com\//);
  for (const dir of fs.readdirSync(path.join(ROOT, 'npm'))) {
    assert.deepEqual(require(`../npm/${dir}/package.json`).repository, pkg.repository, dir);
  }
});
