import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Module from 'node:module';
import { runNode, lastJSON } from './helpers/child-node.mjs';

const FACES = ['zlib', 'crypto', 'string_decoder', 'readline', 'buffer'];

// Prints, for each face, whether require('x') and require('node:x') gave hotpath's face.
const REQUIRE_PROBE = `
const out = {};
for (const name of ${JSON.stringify(FACES)}) {
  const face = require('hotpath/' + name);
  out[name] = [require(name) === face, require('node:' + name) === face,
    require('node:module').createRequire(process.cwd() + '/probe.js')(name) === face];
}
console.log(JSON.stringify(out));`;

const IMPORT_PROBE = `
const out = {};
for (const name of ${JSON.stringify(FACES)}) {
  const face = (await import('hotpath/' + name)).default;
  out[name] = [(await import(name)).default === face, (await import('node:' + name)).default === face];
}
console.log(JSON.stringify(out));`;

test('--require hotpath/register sends require() of every face built-in to hotpath', () => {
  const result = runNode(['--require', 'hotpath/register', '-e', REQUIRE_PROBE]);
  const seen = lastJSON(result);
  for (const name of FACES) assert.deepEqual(seen[name], [true, true, true], name);
});

test('--import hotpath/register sends import of every face built-in to hotpath', () => {
  const result = runNode(['--import', 'hotpath/register', '--input-type=module', '-e', IMPORT_PROBE]);
  const seen = lastJSON(result);
  for (const name of FACES) assert.deepEqual(seen[name], [true, true], name);
});

test('--import hotpath/register also covers require() from CommonJS', () => {
  const result = runNode(['--import', 'hotpath/register', '-e', REQUIRE_PROBE]);
  const seen = lastJSON(result);
  for (const name of FACES) assert.deepEqual(seen[name], [true, true, true], name);
});

test('named ESM imports of a redirected built-in are the face\'s functions', () => {
  const source = `import { gzipSync, gunzipSync } from 'node:zlib';
import face from 'hotpath/zlib';
console.log(JSON.stringify([gzipSync === face.gzipSync, gunzipSync(gzipSync('hi')).toString()]));`;
  const result = runNode(['--import', 'hotpath/register', '--input-type=module', '-e', source]);
  assert.deepEqual(lastJSON(result), [true, 'hi']);
});

test('HOTPATH_REGISTER limits the redirect to the modules it names', () => {
  const env = { HOTPATH_REGISTER: 'node:zlib, string_decoder' };
  const seen = lastJSON(runNode(['--require', 'hotpath/register', '-e', REQUIRE_PROBE], { env }));
  assert.deepEqual(seen.zlib, [true, true, true]);
  assert.deepEqual(seen.string_decoder, [true, true, true]);
  for (const name of ['crypto', 'readline', 'buffer']) assert.deepEqual(seen[name], [false, false, false], name);
  const imported = lastJSON(
    runNode(['--import', 'hotpath/register', '--input-type=module', '-e', IMPORT_PROBE], { env }),
  );
  assert.deepEqual(imported.zlib, [true, true]);
  assert.deepEqual(imported.crypto, [false, false]);
});

test('HOTPATH_REGISTER naming a module hotpath has no face for fails at startup', () => {
  const result = runNode(['--require', 'hotpath/register', '-e', 'console.log("ran")'], {
    env: { HOTPATH_REGISTER: 'zlib,http' },
  });
  assert.notEqual(result.status, 0);
  assert.doesNotMatch(result.stdout, /ran/);
  assert.match(result.stderr, /HOTPATH_UNKNOWN_FACE|no face for/);
});

test('hotpath/register reports what it redirected and how', () => {
  const result = runNode(['--require', 'hotpath/register', '-e', 'console.log(JSON.stringify(require("hotpath/register")))']);
  const state = lastJSON(result);
  assert.deepEqual(state.modules, FACES);
  const hasSyncHooks = typeof Module.registerHooks === 'function';
  assert.equal(state.mechanism, hasSyncHooks ? 'module.registerHooks' : 'module.register + Module._load');
});

test('hotpath\'s own files still reach the built-ins under hotpath/register', () => {
  // Were the faces redirected to themselves, loading one would recurse or copy an
  // empty module; both show as a face missing the built-in's exports.
  const source = `
const face = require('zlib');
const builtin = process.getBuiltinModule ? process.getBuiltinModule('zlib') : null;
console.log(JSON.stringify({
  isFace: face === require('hotpath/zlib'),
  notBuiltin: builtin === null || face !== builtin,
  roundTrip: face.gunzipSync(face.gzipSync('abc')).toString(),
  constants: face.constants.Z_BEST_COMPRESSION,
  decoder: new (require('string_decoder').StringDecoder)('utf8').write(Buffer.from('é')),
}));`;
  const seen = lastJSON(runNode(['--require', 'hotpath/register', '-e', source]));
  assert.deepEqual(seen, { isFace: true, notBuiltin: true, roundTrip: 'abc', constants: 9, decoder: 'é' });
});

test('--require and --import together install the hooks once', () => {
  const result = runNode(['--require', 'hotpath/register', '--import', 'hotpath/register', '-e', REQUIRE_PROBE]);
  const seen = lastJSON(result);
  assert.deepEqual(seen.zlib, [true, true, true]);
  assert.equal(result.stderr.trim(), '');
});

test('worker threads of a process started with --require hotpath/register get the faces too', () => {
  const source = `
const { Worker } = require('node:worker_threads');
const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('zlib') === require('hotpath/zlib'))", { eval: true });
worker.once('message', (same) => { console.log(JSON.stringify({ same })); worker.terminate(); });`;
  assert.deepEqual(lastJSON(runNode(['--require', 'hotpath/register', '-e', source])), { same: true });
});

test('node-tar gzip-creates and extracts a tree of files under hotpath/register', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-tar-'));
  try {
    const source = `
const tar = require('tar');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const dir = ${JSON.stringify(dir)};
const tree = path.join(dir, 'tree');
const files = {};
for (let i = 0; i < 24; i++) {
  const rel = path.join(i % 3 ? 'sub' + (i % 3) : '', 'file' + i + (i % 4 ? '.txt' : '.bin'));
  const bytes = i % 4 ? Buffer.from(('line ' + i + '\\n').repeat(500 * i + 1)) : crypto.randomBytes(1 << (10 + i % 11));
  fs.mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
  fs.writeFileSync(path.join(tree, rel), bytes);
  files[rel] = bytes;
}
const same = (out) => Object.entries(files).every(([rel, bytes]) => fs.readFileSync(path.join(out, 'tree', rel)).equals(bytes));
(async () => {
  await tar.c({ gzip: true, file: path.join(dir, 'async.tgz'), cwd: dir }, ['tree']);
  fs.mkdirSync(path.join(dir, 'out-async'));
  await tar.x({ file: path.join(dir, 'async.tgz'), cwd: path.join(dir, 'out-async') });
  tar.c({ gzip: true, file: path.join(dir, 'sync.tgz'), cwd: dir, sync: true }, ['tree']);
  fs.mkdirSync(path.join(dir, 'out-sync'));
  tar.x({ file: path.join(dir, 'sync.tgz'), cwd: path.join(dir, 'out-sync'), sync: true });
  const gunzipped = require('node:zlib').gunzipSync(fs.readFileSync(path.join(dir, 'async.tgz')));
  console.log(JSON.stringify({
    hotpath: require('node:zlib') === require('hotpath/zlib'),
    asyncSame: same(path.join(dir, 'out-async')),
    syncSame: same(path.join(dir, 'out-sync')),
    isTar: gunzipped.subarray(257, 262).toString(),
  }));
})();`;
    const seen = lastJSON(runNode(['--require', 'hotpath/register', '-e', source]));
    assert.deepEqual(seen, { hotpath: true, asyncSame: true, syncSame: true, isTar: 'ustar' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
