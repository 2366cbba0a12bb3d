import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { runWithoutAddon } from './helpers/without-addon.mjs';

const require = createRequire(import.meta.url);
const native = require('../binding.js');

test('a Rust panic reaches JS as a thrown Error and the process lives on', () => {
  assert.throws(() => native.__panicProbe('probe message'), (error) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, /probe message/);
    return true;
  });
  assert.equal(require('hotpath/zlib').crc32('hello'), 907060870);
});

const WORKER_SOURCE = `
  const { parentPort } = require('node:worker_threads');
  const zlib = require(${JSON.stringify(require.resolve('hotpath/zlib'))});
  parentPort.postMessage(zlib.crc32('hello') + zlib.crc32(Buffer.from('world')));
`;

function runWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.once('message', (value) => {
      worker.terminate().then(() => resolve(value), reject);
    });
    worker.once('error', reject);
  });
}

test('the addon loads and works inside a worker thread', async () => {
  const expected = require('node:zlib').crc32('hello') + require('node:zlib').crc32(Buffer.from('world'));
  assert.equal(await runWorker(), expected);
});

test('20 workers created and terminated in a row leave the process healthy', async () => {
  for (let i = 0; i < 20; i++) await runWorker();
  assert.equal(require('hotpath/zlib').crc32('still alive'), require('node:zlib').crc32('still alive'));
});

test('a worker terminated while it loads the addon does not take the process down', async () => {
  const workers = Array.from({ length: 5 }, () => new Worker(WORKER_SOURCE, { eval: true }));
  await Promise.all(workers.map((worker) => worker.terminate()));
  assert.equal(await runWorker(), require('node:zlib').crc32('hello') + require('node:zlib').crc32(Buffer.from('world')));
});

test('without the addon, Node-named functions fall back to the built-in with one warning', () => {
  const result = runWithoutAddon(
    "const z = require('hotpath/zlib'); require('hotpath/crypto'); console.log(z.crc32('hello'), z.crc32 === require('zlib').crc32)",
  );
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), '907060870 true');
  const warnings = result.stderr.split('\n').filter((line) => line.includes('HOTPATH_NATIVE_UNAVAILABLE'));
  assert.equal(warnings.length, 1, result.stderr);
});

test('HOTPATH_STRICT=1 makes a missing addon throw instead of falling back', () => {
  const result = runWithoutAddon("require('hotpath/zlib')", { HOTPATH_STRICT: '1' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /the addon HOTPATH_ADDON_PATH names could not be loaded/);
});

test('the loader looks only for the platform packages hotpath publishes, and its errors are its own', () => {
  const loader = readFileSync(new URL('../binding.js', import.meta.url), 'utf8');
  const table = loader.slice(loader.indexOf('const PLATFORMS = {'), loader.indexOf('};', loader.indexOf('const PLATFORMS = {')));
  const looked = [...table.matchAll(/: '([\w-]+)'/g)].map((match) => `hotpath-${match[1]}`).sort();
  const published = Object.keys(require('../package.json').optionalDependencies).sort();
  assert.deepEqual(looked, published);
  assert.doesNotMatch(loader, /wasi|wasm|npm has a bug|NAPI_RS/i);
});

test('without the addon, the warning says what failed and what to do, in hotpath\'s words', () => {
  const result = runWithoutAddon("require('hotpath/zlib')");
  assert.match(result.stderr, /hotpath: the addon HOTPATH_ADDON_PATH names could not be loaded \(tried: Cannot find module '\/nonexistent\/hotpath\.node'\); falling back to the Node\.js built-ins/);
});

test('extras without the addon throw an error that says why', () => {
  const result = runWithoutAddon(
    "const { requireNative } = require('./lib/internal/native.js'); try { requireNative('gzipMany') } catch (e) { console.log(e.code, /gzipMany needs the native addon/.test(e.message)) }",
  );
  assert.equal(result.stdout.trim(), 'HOTPATH_NATIVE_UNAVAILABLE true', result.stderr);
});

test('without the addon, zlib streams and one-shot functions are Node\'s and the *Many extras reject saying why', () => {
  const result = runWithoutAddon(
    "const z = require('hotpath/zlib'); const n = require('zlib');" +
      "console.log(z.gzipSync === n.gzipSync, z.createGzip === n.createGzip, n.gunzipSync(z.gzipSync('x')).toString());" +
      "z.gzipMany(['x']).catch((e) => console.log(e.code, /zlib.gzipMany\\(\\) needs the native addon/.test(e.message)))",
  );
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), 'true true x\nHOTPATH_NATIVE_UNAVAILABLE true');
});
