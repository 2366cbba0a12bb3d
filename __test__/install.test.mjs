import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, runNode, lastJSON } from './helpers/child-node.mjs';
import { npmPack, packPlatform, installProject, pathWithoutCargo } from './helpers/tarballs.mjs';
import { runTsc, errorLines, markedLines } from './helpers/type-check.mjs';

// hotpath as a user gets it: the packed main package plus this machine's platform
// package, installed by npm into fresh projects where cargo is not on PATH; and the
// main package alone, as on a platform no prebuilt binary fits.

const require = createRequire(import.meta.url);
const pkg = require('../package.json');
const { CALLS, WORKS_WITHOUT_ADDON } = require('./helpers/extras-calls.cjs');

const FACES = ['zlib', 'crypto', 'string_decoder', 'readline', 'buffer'];
const SUBPATHS = ['hotpath', ...FACES.map((face) => `hotpath/${face}`), 'hotpath/workers'];

let work;
let main;
let platform;
let withBinary;
let withoutBinary;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-install-'));
  main = npmPack(ROOT, work);
  platform = packPlatform(work);
  withBinary = path.join(work, 'with-binary');
  installProject(withBinary, [main.tarball, platform.tarball]);
  withoutBinary = path.join(work, 'without-binary');
  installProject(withoutBinary, [main.tarball]);
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Runs the tested Node in an installed project, with cargo kept off PATH. */
function inProject(project, args, env = {}) {
  return runNode(args, { cwd: project, env: { PATH: pathWithoutCargo(), ...env } });
}

function trackedFiles(...dirs) {
  const out = spawnSync('git', ['ls-files', '--', ...dirs], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.split('\n').filter(Boolean);
}

test('the main tarball holds exactly the JS faces, their types, the loader and the docs', () => {
  const expected = [
    'LICENSE',
    'README.md',
    'package.json',
    'index.js',
    'index.d.ts',
    'binding.js',
    'binding.d.ts',
    ...trackedFiles('bin', 'lib', 'esm'),
  ].sort();
  assert.deepEqual(main.files.map((file) => file.path).sort(), expected);
});

test('the main tarball has no build output, benches, tests, fixtures, Rust sources or binaries', () => {
  const forbidden = /^(target|benches|__test__|fuzz|src|vendor|npm|scripts|node_modules|\.cache)\/|\.node$|\.(rs|toml|lock)$/;
  assert.deepEqual(main.files.map((file) => file.path).filter((file) => forbidden.test(file)), []);
});

test('the platform tarball holds its binary, README and package.json, and says what it fits', () => {
  const { manifest } = platform;
  assert.deepEqual(platform.files.map((file) => file.path).sort(), ['README.md', manifest.main, 'package.json'].sort());
  assert.equal(manifest.version, pkg.version);
  assert.match(manifest.main, /^hotpath\.[\w-]+\.node$/);
  assert.ok(manifest.os.includes(process.platform) && manifest.cpu.includes(process.arch));
});

test('the main package lists every napi target\'s package as an optional dependency at its own version', () => {
  const dirs = fs.readdirSync(path.join(ROOT, 'npm'));
  assert.equal(dirs.length, pkg.napi.targets.length);
  const expected = {};
  for (const dir of dirs) {
    const manifest = require(`../npm/${dir}/package.json`);
    assert.equal(manifest.version, pkg.version, dir);
    assert.deepEqual(manifest.files, [manifest.main], dir);
    expected[manifest.name] = pkg.version;
  }
  assert.deepEqual(pkg.optionalDependencies, expected);
});

test('the packed main package runs nothing at install time', () => {
  const installed = JSON.parse(fs.readFileSync(path.join(withBinary, 'node_modules/hotpath/package.json'), 'utf8'));
  for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(installed.scripts?.[hook], undefined, hook);
  assert.ok(!fs.existsSync(path.join(withBinary, 'node_modules/hotpath/binding.gyp')));
});

test('installing with the platform package built nothing: no cargo on PATH, no target/, no binary but the packed one', () => {
  assert.notEqual(spawnSync('sh', ['-c', 'command -v cargo'], { env: { PATH: pathWithoutCargo() } }).status, 0);
  const installed = path.join(withBinary, 'node_modules/hotpath');
  assert.ok(!fs.existsSync(path.join(installed, 'target')));
  assert.deepEqual(fs.readdirSync(installed).filter((name) => name.endsWith('.node')), []);
  const binary = path.join(withBinary, 'node_modules', platform.manifest.name, platform.manifest.main);
  assert.ok(fs.readFileSync(binary).equals(fs.readFileSync(platform.binary)));
});

const REQUIRE_EVERY_SUBPATH = `
const loaded = {};
for (const id of ${JSON.stringify(SUBPATHS)}) loaded[id] = typeof require(id);
const zlib = require('hotpath/zlib');
const checks = {
  zlib: zlib.gunzipSync(zlib.gzipSync('hello')).toString(),
  crc32: zlib.crc32('hello'),
  hash: require('hotpath/crypto').createHash('sha256').update('x').digest('hex').length,
  decoder: new (require('hotpath/string_decoder').StringDecoder)('utf8').end(Buffer.from('é')),
  count: require('hotpath/buffer').count(Buffer.from('a,b,c'), ','),
  threads: require('hotpath/workers').threads() > 0,
  rootZlib: require('hotpath').zlib === zlib,
};
const binaries = Object.keys(require.cache).filter((file) => file.endsWith('.node'));
console.log(JSON.stringify({ loaded, checks, binaries }));`;

test('in the installed project every subpath loads by require() on the prebuilt binary', () => {
  const result = inProject(withBinary, ['-e', REQUIRE_EVERY_SUBPATH]);
  assert.equal(result.stderr, '', 'no warning: the binary loaded');
  const { loaded, checks, binaries } = lastJSON(result);
  for (const id of SUBPATHS) assert.equal(loaded[id], 'object', id);
  assert.deepEqual(checks, { zlib: 'hello', crc32: 907060870, hash: 64, decoder: 'é', count: 2, threads: true, rootZlib: true });
  assert.deepEqual(binaries, [fs.realpathSync(path.join(withBinary, 'node_modules', platform.manifest.name, platform.manifest.main))]);
});

test('in the installed project every subpath loads by import, named exports included', () => {
  const source = `
import { gzip, gunzipSync } from 'hotpath/zlib';
import { createHash, hashManySync } from 'hotpath/crypto';
import { StringDecoder, decode } from 'hotpath/string_decoder';
import { createInterface, countLines } from 'hotpath/readline';
import { Buffer as B, count } from 'hotpath/buffer';
import { sortSync } from 'hotpath/workers';
import * as root from 'hotpath';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
gzip('hello', (error, out) => {
  console.log(JSON.stringify({
    gzip: gunzipSync(out).toString(),
    many: hashManySync('sha1', ['a']).length,
    decoded: decode(B.from([0x82, 0xa0]), 'shift_jis'),
    decoder: typeof StringDecoder, readline: typeof createInterface, countLines: typeof countLines,
    count: count(B.from('aaa'), 'a'), sorted: Array.from(sortSync(new Float64Array([2, 1]))),
    hash: createHash('md5').update('').digest('hex'), root: typeof root.zlib.gzipSync,
    binaries: Object.keys(require.cache).filter((file) => file.endsWith('.node')).length,
  }));
});`;
  const result = inProject(withBinary, ['--input-type=module', '-e', source]);
  assert.equal(result.stderr, '');
  assert.deepEqual(lastJSON(result), {
    gzip: 'hello',
    many: 1,
    decoded: 'あ',
    decoder: 'function',
    readline: 'function',
    countLines: 'function',
    count: 3,
    sorted: [1, 2],
    hash: 'd41d8cd98f00b204e9800998ecf8427e',
    root: 'function',
    binaries: 1,
  });
});

test('in the installed project --require and --import hotpath/register redirect the built-ins', () => {
  const probe = "console.log(JSON.stringify([require('zlib') === require('hotpath/zlib'), require('node:crypto') === require('hotpath/crypto')]))";
  assert.deepEqual(lastJSON(inProject(withBinary, ['--require', 'hotpath/register', '-e', probe])), [true, true]);
  const esm = "import z from 'node:zlib'; import h from 'hotpath/zlib'; console.log(JSON.stringify([z === h]))";
  assert.deepEqual(lastJSON(inProject(withBinary, ['--import', 'hotpath/register', '--input-type=module', '-e', esm])), [true]);
});

/** Copies the type tests into `project` with a tsconfig that resolves hotpath there. */
function typeProject(project, name, files) {
  const dir = path.join(project, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) fs.copyFileSync(new URL(`./types/${file}`, import.meta.url), path.join(dir, path.basename(file)));
  const types = path.join(project, 'node_modules', '@types');
  if (!fs.existsSync(types)) fs.symlinkSync(path.join(ROOT, 'node_modules', '@types'), types, 'dir');
  // The checkout's own compiler options (strict and all); only the files differ.
  const { compilerOptions } = JSON.parse(fs.readFileSync(new URL('./types/tsconfig.json', import.meta.url), 'utf8'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: files.map((file) => path.basename(file)) }));
  return dir;
}

test('against the installed package, every export of every face type-checks under strict mode', () => {
  const dir = typeProject(withBinary, 'types-ok', ['usage.ts', 'every-export.ts']);
  const { status, output } = runTsc(path.join(dir, 'tsconfig.json'));
  assert.equal(status, 0, output);
});

test('against the installed package, a wrong call fails to type-check on exactly the marked lines', () => {
  const dir = typeProject(withBinary, 'types-wrong', ['negative/wrong-calls.ts']);
  const { status, output } = runTsc(path.join(dir, 'tsconfig.json'));
  assert.notEqual(status, 0);
  const file = path.join(dir, 'wrong-calls.ts');
  assert.deepEqual(errorLines(output, file), markedLines(file), output);
});

test('every extra the faces export at run time is named in the type test', () => {
  const typed = fs.readFileSync(new URL('./types/every-export.ts', import.meta.url), 'utf8');
  const probed = new Set(Object.entries(CALLS).flatMap(([face, calls]) => Object.keys(calls).map((name) => `${face}.${name}`)));
  const result = inProject(withBinary, [
    '-e',
    `const out = {};
for (const face of ${JSON.stringify(FACES)}) {
  const builtin = require('node:' + face);
  out[face] = Object.keys(require('hotpath/' + face)).filter((name) => !(name in builtin));
}
out.workers = Object.keys(require('hotpath/workers'));
console.log(JSON.stringify(out));`,
  ]);
  for (const [face, names] of Object.entries(lastJSON(result))) {
    for (const name of names) {
      assert.match(typed, new RegExp(`\\.${name}\\b`), `${face}.${name} is not used in every-export.ts`);
      assert.ok(probed.has(`${face}.${name}`), `${face}.${name} has no call in helpers/extras-calls.cjs`);
    }
  }
});

test('with no binary that fits, every Node-named export of every face is the built-in\'s, with one warning naming the cause', () => {
  const source = `
const same = {};
for (const face of ${JSON.stringify(FACES)}) {
  const builtin = require('node:' + face);
  const ours = require('hotpath/' + face);
  same[face] = Object.keys(builtin).filter((name) => ours[name] !== builtin[name]);
}
require('hotpath'); require('hotpath/workers');
const zlib = require('hotpath/zlib');
console.log(JSON.stringify({ differ: same, roundTrip: zlib.gunzipSync(zlib.gzipSync('x')).toString() }));`;
  const result = inProject(withoutBinary, ['-e', source]);
  assert.equal(result.status, 0, result.stderr);
  const seen = lastJSON(result);
  assert.deepEqual(seen.differ, Object.fromEntries(FACES.map((face) => [face, []])));
  assert.equal(seen.roundTrip, 'x');
  const warnings = result.stderr.split('\n').filter((line) => line.includes('HOTPATH_NATIVE_UNAVAILABLE'));
  assert.equal(warnings.length, 1, result.stderr);
  assert.match(warnings[0], /hotpath: no native addon for [\w-]+ could be loaded: install hotpath-[\w-]+ .*or build the addon from a clone/);
  assert.match(warnings[0], /falling back to the Node\.js built-ins/);
  assert.ok(warnings[0].includes(`Cannot find module '${platform.manifest.name}'`), 'the warning names the missing package');
});

// (A .node cut short past its ELF header is another matter: dlopen maps the missing
// pages and the process dies of SIGBUS before any JS can catch it, in Node's own
// process.dlopen. npm checks each tarball's integrity, so an install does not leave one.)
test('with a broken binary (not a loadable library), the faces fall back and the one warning says what was wrong', () => {
  const broken = path.join(work, 'broken-binary');
  fs.cpSync(withBinary, broken, { recursive: true, verbatimSymlinks: true });
  const binary = path.join(broken, 'node_modules', platform.manifest.name, platform.manifest.main);
  fs.writeFileSync(binary, 'this is not a shared library\n'.repeat(64));
  const result = inProject(broken, ['-e', "const z = require('hotpath/zlib'); console.log(JSON.stringify([z.gzipSync === require('zlib').gzipSync]))"]);
  assert.deepEqual(lastJSON(result), [true]);
  const warnings = result.stderr.split('\n').filter((line) => line.includes('HOTPATH_NATIVE_UNAVAILABLE'));
  assert.equal(warnings.length, 1, result.stderr);
  assert.ok(warnings[0].includes(platform.manifest.main), `the warning names the file: ${warnings[0]}`);
  const strict = inProject(broken, ['-e', "require('hotpath/zlib')"], { HOTPATH_STRICT: '1' });
  assert.notEqual(strict.status, 0);
});

test('with no binary that fits, HOTPATH_STRICT=1 makes loading a face throw', () => {
  for (const id of ['hotpath/zlib', 'hotpath/crypto', 'hotpath']) {
    const result = inProject(withoutBinary, ['-e', `require('${id}').zlib; require('${id}')`], { HOTPATH_STRICT: '1' });
    assert.notEqual(result.status, 0, id);
    assert.match(result.stderr, /no native addon for [\w-]+ could be loaded/, id);
  }
});

test('with no binary that fits, each extra says it needs the addon or gives the built-in\'s answer', () => {
  fs.copyFileSync(new URL('./helpers/extras-calls.cjs', import.meta.url), path.join(withoutBinary, 'extras-calls.cjs'));
  const result = inProject(withoutBinary, [
    '-e',
    "require('./extras-calls.cjs').outcomes((face) => require('hotpath/' + face)).then((seen) => console.log(JSON.stringify(seen)))",
  ]);
  const seen = lastJSON(result);
  for (const [key, outcome] of Object.entries(seen)) {
    assert.equal(outcome, key in WORKS_WITHOUT_ADDON ? 'same-as-built-in' : 'needs-addon', key);
  }
});

/** `npx hotpath …` in an installed project, under the tested Node (first on PATH). */
function npxHotpath(project, args) {
  const nodeDir = path.dirname(process.execPath);
  const result = spawnSync('npx', ['--no-install', 'hotpath', ...args], {
    cwd: project,
    env: { ...process.env, PATH: `${nodeDir}${path.delimiter}${pathWithoutCargo()}` },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return result;
}

test('in the installed project `npx hotpath doctor` says the addon came from the platform package', () => {
  const result = npxHotpath(withBinary, ['doctor']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^hotpath ${pkg.version} on Node ${process.version} `));
  assert.match(result.stdout, new RegExp(`addon: +loaded, platform package ${platform.manifest.name} `));
  const report = JSON.parse(npxHotpath(withBinary, ['doctor', '--json']).stdout);
  assert.equal(report.addon.file, fs.realpathSync(path.join(withBinary, 'node_modules', platform.manifest.name, platform.manifest.main)));
});

test('in the installed project `npx hotpath bench --quick` times every module with results checked', () => {
  const result = npxHotpath(withBinary, ['bench', '--quick', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const { rows } = JSON.parse(result.stdout);
  assert.deepEqual([...new Set(rows.map((row) => row.module))], ['zlib', 'crypto', 'string_decoder', 'readline', 'buffer', 'workers']);
  for (const row of rows) assert.ok(row.ratio > 0 && Number.isFinite(row.ratio), row.case);
  const stderrLines = result.stderr.trim().split('\n');
  const isProgress = (line) => line.startsWith('hotpath bench: [');
  assert.equal(stderrLines.filter(isProgress).length, rows.length, 'one progress line per case');
  assert.deepEqual(stderrLines.filter((line) => !isProgress(line)), [], 'nothing else on stderr: no warning');
});

test('with no binary that fits, `npx hotpath doctor` says why and exits 1, and bench refuses', () => {
  const doctor = npxHotpath(withoutBinary, ['doctor']);
  assert.equal(doctor.status, 1);
  assert.match(doctor.stdout, /addon: +NOT loaded: no native addon for [\w-]+ could be loaded: install hotpath-/);
  const bench = npxHotpath(withoutBinary, ['bench', '--quick']);
  assert.equal(bench.status, 1);
  assert.match(bench.stderr, /the native addon did not load/);
});
