// The `hotpath` command (bin/hotpath.js) and require('hotpath').status() in this
// checkout: the installed-tarball cases are in install.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode } from './helpers/child-node.mjs';

const require = createRequire(import.meta.url);
const { status } = require('../index.js');
const { runBench } = require('../lib/cli/bench.js');

const hotpath = (args, env) => runNode(['bin/hotpath.js', ...args], { env });
const WITHOUT_ADDON = { HOTPATH_ADDON_PATH: '/nonexistent/hotpath.node' };

test('status() names the addon, the pool and, per module, what is native, what is Node\'s and why', () => {
  const report = status();
  assert.equal(report.node, process.version);
  assert.equal(report.addon.loaded, true);
  assert.ok(report.threads >= 1);
  const zlib = report.modules.zlib;
  assert.ok(zlib.native.includes('gzipSync') && zlib.native.includes('createGunzip'));
  assert.ok(zlib.extras.includes('gzipMany'));
  const crypto = report.modules.crypto;
  assert.match(crypto.builtin.find((entry) => entry.name === 'hash').why, /one-shot/);
  assert.deepEqual(report.modules.workers.native, []);
  assert.ok(report.modules.workers.extras.includes('sort'));
});

test('status() counts a function as native only where the face\'s differs from the built-in\'s', () => {
  const report = status();
  for (const [module, entry] of Object.entries(report.modules)) {
    if (module === 'workers') continue;
    const face = require(`../lib/${module}.js`);
    const builtin = require(`node:${module}`);
    for (const name of entry.native) assert.notEqual(face[name], builtin[name], `${module}.${name}`);
    for (const { name } of entry.builtin) assert.ok(name in builtin, `${module}.${name}`);
    for (const name of entry.extras) assert.ok(!(name in builtin), `${module}.${name}`);
  }
});

test('doctor prints the report and exits 0 with the addon; --json prints status() itself', () => {
  const text = hotpath(['doctor']);
  assert.equal(text.status, 0, text.stderr);
  assert.equal(text.stderr, '', 'reading the faces runs no getter that warns (crypto.fips: DEP0093)');
  assert.match(text.stdout, /^hotpath \d+\.\d+\.\d+ on Node v\d+/);
  assert.match(text.stdout, /addon: +loaded, local build \(/);
  for (const module of ['zlib', 'crypto', 'string_decoder', 'readline', 'buffer', 'workers']) assert.match(text.stdout, new RegExp(`^hotpath/${module}$`, 'm'));
  const json = hotpath(['doctor', '--json']);
  assert.equal(json.status, 0);
  assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(status())));
});

test('without the addon doctor says why and exits 1; bench exits 1 before timing anything', () => {
  const doctor = hotpath(['doctor', '--json'], WITHOUT_ADDON);
  assert.equal(doctor.status, 1);
  const report = JSON.parse(doctor.stdout);
  assert.equal(report.addon.loaded, false);
  assert.equal(report.addon.code, 'HOTPATH_NATIVE_UNAVAILABLE');
  assert.match(report.addon.reason, /HOTPATH_ADDON_PATH/);
  assert.equal(report.threads, null);
  assert.deepEqual(report.modules.zlib.native, []);
  assert.ok(report.modules.zlib.builtin.every((entry) => entry.why === 'the native addon did not load'));
  const bench = hotpath(['bench', '--quick'], WITHOUT_ADDON);
  assert.equal(bench.status, 1);
  assert.equal(bench.stdout, '');
});

test('a wrong command line prints the usage and exits 2', () => {
  for (const args of [['nope'], ['doctor', '--quick'], ['bench', 'nosuchmodule'], ['doctor', 'zlib']]) {
    const result = hotpath(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /usage: hotpath doctor/);
  }
  const help = hotpath(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: hotpath doctor/);
});

test('bench --quick --json for some modules: one row per case, ratios from checked results', () => {
  const result = hotpath(['bench', 'buffer', 'string_decoder', '--quick', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const { node, quick, rows } = JSON.parse(result.stdout);
  assert.equal(node, process.version);
  assert.equal(quick, true);
  assert.deepEqual(rows.map((row) => row.module).sort(), ['buffer', 'string_decoder']);
  for (const row of rows) {
    assert.ok(row.ratio > 0 && row.builtinMBps > 0 && row.hotpathMBps > 0, row.case);
  }
  assert.match(result.stderr, /^hotpath bench: \[1\/2\] /);
});

test('bench refuses to time a case whose two sides disagree', async () => {
  const makeCases = () => [{ module: 'zlib', name: 'planted', bytes: 1, builtin: () => 1, hotpath: () => 2, same: (a, b) => a === b }];
  await assert.rejects(runBench({ quick: true, makeCases }), { code: 'HOTPATH_BENCH_MISMATCH', message: /planted/ });
});
