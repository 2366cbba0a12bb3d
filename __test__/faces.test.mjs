import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILTIN_FACES = ['zlib', 'crypto', 'string_decoder', 'readline', 'buffer'];

/** What a property descriptor says, apart from its value itself. */
function descriptorShape(descriptor) {
  return {
    kind: 'value' in descriptor ? 'data' : 'accessor',
    enumerable: descriptor.enumerable,
    configurable: descriptor.configurable,
    writable: descriptor.writable,
    type: typeof descriptor.value,
    getter: typeof descriptor.get,
    setter: typeof descriptor.set,
  };
}

for (const name of BUILTIN_FACES) {
  test(`hotpath/${name} exports every enumerable name of node:${name}`, () => {
    const face = require(`hotpath/${name}`);
    const builtin = require(`node:${name}`);
    const missing = Object.keys(builtin).filter((key) => !Object.keys(face).includes(key));
    assert.deepEqual(missing, []);
  });

  test(`hotpath/${name} keeps node:${name}'s non-enumerable exports and their descriptors`, () => {
    const face = require(`hotpath/${name}`);
    const builtin = require(`node:${name}`);
    for (const key of Object.getOwnPropertyNames(builtin)) {
      const theirs = Object.getOwnPropertyDescriptor(builtin, key);
      const ours = Object.getOwnPropertyDescriptor(face, key);
      assert.ok(ours, `${key} is missing`);
      // Replaced exports too: the same kind of property, flags, and type of value.
      assert.deepEqual(descriptorShape(ours), descriptorShape(theirs), key);
      if (typeof theirs.value === 'function') {
        assert.equal(ours.value.name, theirs.value.name, `${key}.name`);
        assert.equal(ours.value.length, theirs.value.length, `${key}.length`);
        assert.equal(typeof ours.value.prototype, typeof theirs.value.prototype, `${key}.prototype`);
      }
    }
  });

  test(`hotpath/${name} loads through ESM with named imports`, async () => {
    const esm = await import(`hotpath/${name}`);
    const face = require(`hotpath/${name}`);
    assert.equal(esm.default, face);
    for (const key of Object.keys(face)) {
      if (/^[A-Za-z_$][\w$]*$/.test(key)) assert.ok(key in esm, `named export ${key}`);
    }
  });
}

test("zlib's legacy Z_* constants stay non-enumerable and read-only", () => {
  const zlib = require('hotpath/zlib');
  const descriptor = Object.getOwnPropertyDescriptor(zlib, 'Z_BEST_COMPRESSION');
  assert.equal(descriptor.value, 9);
  assert.equal(descriptor.enumerable, false);
  assert.equal(descriptor.writable, false);
  assert.ok(!Object.keys(zlib).includes('Z_BEST_COMPRESSION'));
});

test('a named ESM import works in a separate process', () => {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', "import { crc32, gzipSync } from 'hotpath/zlib'; console.log(crc32('hello'), typeof gzipSync);"],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(out.trim(), '907060870 function');
});

test('hotpath/workers, a face of its own, is exported for require, import and from the root', async () => {
  const workers = require('hotpath/workers');
  const esm = await import('hotpath/workers');
  for (const name of Object.keys(workers)) assert.equal(esm[name], workers[name], name);
  assert.equal(esm.default, workers);
  assert.equal(require('hotpath').workers, workers);
  assert.equal((await import('hotpath')).workers, workers);
});

test('the root entry exposes every module face', async () => {
  const root = require('hotpath');
  for (const name of BUILTIN_FACES) {
    assert.equal(root[name], require(`hotpath/${name}`), name);
  }
  const esmRoot = await import('hotpath');
  assert.equal(esmRoot.zlib, require('hotpath/zlib'));
  assert.equal(esmRoot.default, root);
});

test('the committed ESM entries list every current export', () => {
  const { expectedEntries } = require('../scripts/write-esm-entries.js');
  const fs = require('node:fs');
  for (const [file, source] of Object.entries(expectedEntries())) {
    assert.equal(fs.readFileSync(new URL(`../esm/${file}`, import.meta.url), 'utf8'), source, `esm/${file} is stale`);
  }
});

test("the running Node's built-in export names are recorded for the ESM entries", () => {
  const { unrecordedNames } = require('../scripts/write-esm-entries.js');
  assert.deepEqual(unrecordedNames(), {}, `run node scripts/write-esm-entries.js --record under Node ${process.version}`);
});

test('a built-in name of another supported Node imports as undefined where the running Node lacks it', async () => {
  const recorded = require('../scripts/builtin-export-names.json');
  for (const name of BUILTIN_FACES) {
    const esm = await import(`hotpath/${name}`);
    const face = require(`hotpath/${name}`);
    const elsewhere = new Set(Object.values(recorded).flatMap(({ modules }) => modules[name]));
    for (const key of elsewhere) {
      if (!(key in face)) assert.equal(esm[key], undefined, `${name}.${key}`);
      else assert.equal(esm[key], face[key], `${name}.${key}`);
    }
  }
});

test('package.json exports each subpath with types, require and import', () => {
  const pkg = require('../package.json');
  for (const name of [...BUILTIN_FACES, 'workers']) {
    const entry = pkg.exports[`./${name}`];
    assert.ok(entry, name);
    for (const condition of ['types', 'require', 'import']) {
      assert.ok(require('node:fs').existsSync(new URL(`.${entry[condition].slice(1)}`, new URL('../', import.meta.url))), `${name} ${condition}`);
    }
  }
});
