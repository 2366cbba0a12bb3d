// The rules every extra follows (docs/extras.md): a function that returns a promise
// never throws; each error is the one the built-in gives for the same mistake; every
// digest Node has works in every hashing extra; paths are taken as fs takes them; and
// long work takes `signal` and `onProgress`, stopping before the rejection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import node from 'node:crypto';
import nodeZlib from 'node:zlib';
import { seededRandom, randomText } from './helpers/random.mjs';

const require = createRequire(import.meta.url);
const zlib = require('hotpath/zlib');
const crypto = require('hotpath/crypto');
const readline = require('hotpath/readline');
const workers = require('hotpath/workers');
const { PROGRESS_EVERY_MS } = require('../lib/internal/long-work.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-extras-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/** The error a call throws or its promise rejects with, and whether it threw. */
async function failure(call) {
  let value;
  try {
    value = call();
  } catch (error) {
    return { threw: true, error };
  }
  try {
    await value;
  } catch (error) {
    return { threw: false, error };
  }
  return { threw: false, error: null };
}

function assertSameFailure(actual, expected, label) {
  assert.ok(actual, `${label}: no error`);
  assert.equal(actual.constructor, expected.constructor, `${label}: class`);
  assert.equal(actual.code, expected.code, `${label}: code`);
  assert.equal(actual.message, expected.message, `${label}: message`);
}

// Each promise extra with a mistake, beside the built-in call that makes the same one.
const MISTAKES = {
  'gzipMany(not an array)': [() => zlib.gzipMany('x'), null, 'ERR_INVALID_ARG_TYPE'],
  'gzipMany(level out of range)': [() => zlib.gzipMany(['x'], { level: 99 }), () => nodeZlib.gzipSync('x', { level: 99 })],
  'gzipMany(chunkSize no Buffer can have)': [
    () => zlib.gzipMany(['x'], { chunkSize: 2 ** 40 }),
    () => nodeZlib.gzipSync('x', { chunkSize: 2 ** 40 }),
  ],
  'brotliCompressMany(bad input)': [() => zlib.brotliCompressMany([1]), null, 'ERR_INVALID_ARG_TYPE'],
  'gzipMany(parallel not a boolean)': [() => zlib.gzipMany(['x'], { parallel: 'yes' }), null, 'ERR_INVALID_ARG_TYPE'],
  'gzipMany(signal not a signal)': [() => zlib.gzipMany(['x'], { signal: 1 }), null, 'ERR_INVALID_ARG_TYPE'],
  'hashMany(unknown digest)': [() => crypto.hashMany('nope', ['x']), () => node.hash('nope', 'x')],
  'hashMany(algorithm not a string)': [() => crypto.hashMany(1, ['x']), () => node.hash(1, 'x')],
  'hashMany(bad input)': [() => crypto.hashMany('sha256', [1]), null, 'ERR_INVALID_ARG_TYPE'],
  'hashMany(onProgress not a function)': [() => crypto.hashMany('sha256', ['x'], 'hex', { onProgress: 1 }), null, 'ERR_INVALID_ARG_TYPE'],
  'hashFile(path a number)': [() => crypto.hashFile(42, 'sha256'), () => fs.promises.readFile(42)],
  'hashFile(path with a null byte)': [() => crypto.hashFile('a\0b', 'sha256'), () => fs.promises.readFile('a\0b')],
  'hashFile(http URL)': [() => crypto.hashFile(new URL('http://x/y'), 'sha256'), () => fs.promises.readFile(new URL('http://x/y'))],
  'hashFile(missing file)': [() => crypto.hashFile(path.join(tmp, 'missing'), 'sha256'), () => fs.promises.readFile(path.join(tmp, 'missing'))],
  'hashFile(a directory)': [() => crypto.hashFile(tmp, 'sha256'), () => fs.promises.readFile(tmp)],
  'hashFile(a directory, a digest only Node has)': [() => crypto.hashFile(tmp, 'sha3-256'), () => fs.promises.readFile(tmp)],
  'hashFile(unknown digest)': [() => crypto.hashFile(import.meta.filename ?? new URL(import.meta.url), 'nope'), () => node.hash('nope', '')],
  'hashFiles(unknown digest)': [() => crypto.hashFiles([new URL(import.meta.url)], 'nope'), () => node.hash('nope', '')],
  'hashFiles(paths not an array)': [() => crypto.hashFiles('x', 'sha256'), null, 'ERR_INVALID_ARG_TYPE'],
  'hashFiles(concurrency not a number)': [() => crypto.hashFiles([], 'sha256', { concurrency: '2' }), null, 'ERR_INVALID_ARG_TYPE'],
  'hashFiles(concurrency not an integer)': [() => crypto.hashFiles([], 'sha256', { concurrency: 1.5 }), null, 'ERR_OUT_OF_RANGE'],
  'hashFiles(concurrency past 1024)': [() => crypto.hashFiles([], 'sha256', { concurrency: 1025 }), null, 'ERR_OUT_OF_RANGE'],
  'countLines(path a number)': [() => readline.countLines(42), () => fs.promises.readFile(42)],
  'countLines(missing file)': [() => readline.countLines(path.join(tmp, 'missing')), () => fs.promises.readFile(path.join(tmp, 'missing'))],
  'sort(not a TypedArray)': [() => workers.sort([3, 1]), null, 'ERR_INVALID_ARG_TYPE'],
  'stats(onProgress not a function)': [() => workers.stats(new Float64Array(4), { onProgress: 'x' }), null, 'ERR_INVALID_ARG_TYPE'],
};

test('every extra that returns a promise rejects for a mistake, with the built-in\'s error for it, and never throws', async () => {
  for (const [label, [call, builtin, code]] of Object.entries(MISTAKES)) {
    const ours = await failure(call);
    assert.equal(ours.threw, false, `${label} threw instead of rejecting`);
    if (builtin) assertSameFailure(ours.error, (await failure(builtin)).error, label);
    else assert.equal(ours.error && ours.error.code, code, label);
  }
});

test('the Sync forms throw the errors their promise forms reject with', async () => {
  assertSameFailure((await failure(() => crypto.hashManySync('nope', ['x']))).error, (await failure(() => node.hash('nope', 'x'))).error, 'hashManySync');
  for (const options of [{ level: 99 }, { chunkSize: 2 ** 40 }, { chunkSize: 63 }, { parallel: 'yes' }]) {
    const sync = await failure(() => zlib.gzipSync('x', options));
    const many = await failure(() => zlib.gzipMany(['x'], options));
    assert.equal(sync.threw, true);
    assertSameFailure(many.error, sync.error, JSON.stringify(options));
  }
});

test('chunkSize is refused where Node cannot allocate it, by every form, with the running Node\'s error', async () => {
  const expected = (await failure(() => nodeZlib.gzipSync('x', { chunkSize: 2 ** 40 }))).error;
  for (const call of [() => zlib.gzipSync('x', { chunkSize: 2 ** 40 }), () => zlib.createGzip({ chunkSize: 2 ** 40 }), () => zlib.gzip('x', { chunkSize: 2 ** 40 }, () => {})]) {
    const ours = await failure(call);
    assert.equal(ours.threw, true);
    assertSameFailure(ours.error, expected, String(call));
  }
  assert.equal(nodeZlib.gunzipSync(zlib.gzipSync('x', { chunkSize: 2 ** 20 })).toString(), 'x');
});

test('parallel is a boolean: true and false are taken, anything else is refused as Node refuses a wrong type', () => {
  const input = Buffer.from(randomText(seededRandom(1), 5000));
  for (const parallel of [true, false, undefined]) assert.deepEqual(nodeZlib.gunzipSync(zlib.gzipSync(input, { parallel })), input);
  for (const parallel of ['yes', 1, null]) {
    assert.throws(() => zlib.gzipSync(input, { parallel }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: /"options\.parallel" property must be of type boolean/ });
  }
});

// Every digest the running Node's crypto.hash() takes (OpenSSL's names, aliases included).
const NODE_DIGESTS = node.getHashes().filter((name) => {
  try {
    node.createHash(name).update('x').digest();
    return true;
  } catch {
    return false; // listed but not a plain digest here (shake*, some legacy ones under OpenSSL 3)
  }
});

test('every digest Node has works in hashFile, hashFiles, hashMany, hashManySync and hmac, with Node\'s answer', async () => {
  const random = seededRandom(77);
  const files = [0, 1, 3000, 1 << 20].map((size, i) => {
    const file = path.join(tmp, `digest-${i}.bin`);
    fs.writeFileSync(file, random.bytes(size));
    return file;
  });
  const inputs = [random.bytes(100), randomText(random, 50), '', new Uint16Array([1, 2, 3])];
  assert.ok(NODE_DIGESTS.length > 20, NODE_DIGESTS.join());
  for (const algorithm of NODE_DIGESTS) {
    const fileDigests = files.map((file) => node.createHash(algorithm).update(fs.readFileSync(file)).digest('base64'));
    assert.deepEqual(await crypto.hashFile(files[2], algorithm, 'base64'), fileDigests[2], `hashFile ${algorithm}`);
    assert.deepEqual(await crypto.hashFiles(files, algorithm, { outputEncoding: 'base64' }), fileDigests, `hashFiles ${algorithm}`);
    const digests = inputs.map((input) => node.createHash(algorithm).update(input).digest('hex'));
    assert.deepEqual(await crypto.hashMany(algorithm, inputs), digests, `hashMany ${algorithm}`);
    assert.deepEqual(crypto.hashManySync(algorithm, inputs), digests, `hashManySync ${algorithm}`);
    // (An XOF such as shake128 has no HMAC: both refuse it alike.)
    const [ours, theirs] = [() => crypto.hmac(algorithm, 'key', 'data'), () => node.createHmac(algorithm, 'key').update('data').digest('hex')].map((call) => {
      try {
        return { value: call() };
      } catch (error) {
        return { error: [error.constructor.name, error.code, error.message] };
      }
    });
    assert.deepEqual(ours, theirs, `hmac ${algorithm}`);
  }
});

test('hashFile, hashFiles and countLines take a path as fs does: a string, a Buffer, a file: URL', async () => {
  const file = path.join(tmp, 'paths é.txt');
  fs.writeFileSync(file, 'one\ntwo\nthree');
  const expected = node.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  for (const given of [file, Buffer.from(file), new Uint8Array(Buffer.from(file)), pathToFileURL(file)]) {
    assert.equal(await crypto.hashFile(given, 'sha256'), expected);
    assert.deepEqual(await crypto.hashFiles([given, file], 'md5'), [file, file].map(() => node.createHash('md5').update(fs.readFileSync(file)).digest('hex')));
    assert.equal(await readline.countLines(given), 3);
  }
});

test('a path of bytes that are not UTF-8 names its file, as fs does', async (t) => {
  const name = Buffer.concat([Buffer.from(`${tmp}/`), Buffer.from([0x66, 0xff, 0x2e, 0x74])]);
  try {
    fs.writeFileSync(name, 'a\nb\n');
  } catch (error) {
    t.skip(`this file system refuses the name: ${error.code}`);
    return;
  }
  assert.equal(await crypto.hashFile(name, 'sha256'), node.hash('sha256', 'a\nb\n'));
  assert.deepEqual(await crypto.hashFiles([name], 'sha1'), [node.hash('sha1', 'a\nb\n')]);
  assert.equal(await readline.countLines(name), 2);
});

// ---- signal and onProgress ---------------------------------------------------------

const SLOW_INPUT = Buffer.from(randomText(seededRandom(5), 1 << 20));
const bigFile = path.join(tmp, 'lines.txt');
fs.writeFileSync(bigFile, 'a line of a long file\n'.repeat(1 << 20));
const manyFiles = Array.from({ length: 64 }, (_, i) => {
  const file = path.join(tmp, `many-${i}.bin`);
  fs.writeFileSync(file, SLOW_INPUT);
  return file;
});

// Each long extra: a call of some seconds' work, taking { signal, onProgress }, and
// the units its progress counts to.
const LONG_WORK = {
  gzipMany: {
    start: (options) => zlib.gzipMany(Array(48).fill(SLOW_INPUT), { level: 9, ...options }),
    total: 48,
  },
  'gzipMany (inputs Node\'s engine takes, one per turn)': {
    start: (options) => zlib.inflateMany(Array(400).fill(nodeZlib.deflateSync(SLOW_INPUT, { windowBits: 9 })), { windowBits: 9, ...options }),
    total: 400,
  },
  hashMany: {
    start: (options) => crypto.hashMany('sha512', Array(2000).fill(SLOW_INPUT), 'hex', options),
    total: 2000,
  },
  'hashMany (a digest only Node has)': {
    start: (options) => crypto.hashMany('sha3-512', Array(30).fill(SLOW_INPUT), 'hex', options),
    total: 30,
    tooQuickToStop: true, // Node's crypto.hash() runs on the calling thread: nothing to stop
  },
  hashFiles: {
    start: (options) => crypto.hashFiles(Array(6).fill(manyFiles).flat(), 'sha512', options),
    total: 6 * manyFiles.length,
  },
  countLines: {
    start: (options) => readline.countLines(bigFile, options),
    total: fs.statSync(bigFile).size,
    tooQuickToStop: true, // counts at memory speed
  },
  sort: {
    start: (options) => workers.sort(Float64Array.from({ length: 2e7 }, (_, i) => Math.sin(i)), options),
    total: 2e7,
  },
};

function cpuMsOver(ms) {
  const start = process.cpuUsage();
  return new Promise((resolve) =>
    setTimeout(() => {
      const used = process.cpuUsage(start);
      resolve((used.user + used.system) / 1000);
    }, ms),
  );
}

for (const [name, work] of Object.entries(LONG_WORK)) {
  test(`${name}: onProgress(done, total) rises to the total, from the main thread, at most every ${PROGRESS_EVERY_MS} ms or so`, async () => {
    const calls = [];
    await work.start({ onProgress: (done, total) => calls.push({ done, total, at: performance.now() }) });
    assert.ok(calls.length >= 1);
    const last = calls[calls.length - 1];
    assert.deepEqual([last.done, last.total], [work.total, work.total]);
    for (let i = 1; i < calls.length; i++) {
      assert.ok(calls[i].done >= calls[i - 1].done, 'done never goes down');
      assert.ok(calls[i].done <= calls[i].total);
      if (i < calls.length - 1) assert.ok(calls[i].at - calls[i - 1].at >= PROGRESS_EVERY_MS * 0.8, 'not more often than the timer');
    }
  });

  test(`${name}: an aborted signal rejects at once with an AbortError whose cause is the reason`, async () => {
    const reason = new Error('stop now');
    await assert.rejects(work.start({ signal: AbortSignal.abort(reason) }), (error) => {
      assert.equal(error.name, 'AbortError');
      assert.equal(error.code, 'ABORT_ERR');
      assert.equal(error.cause, reason);
      return true;
    });
  });

  if (work.tooQuickToStop) continue;
  test(`${name}: aborting mid-run rejects, and no work goes on after the rejection`, async () => {
    const controller = new AbortController();
    const progress = [];
    const startedAt = performance.now();
    const startCpu = process.cpuUsage();
    // Aborted at the first progress report, while work is known to be under way (or
    // after 150 ms, whichever comes first).
    const abort = () => controller.abort('enough');
    const running = work.start({
      signal: controller.signal,
      onProgress: (done, total) => {
        progress.push(done);
        if (done < total) abort();
      },
    });
    setTimeout(abort, 150);
    await assert.rejects(running, { name: 'AbortError', cause: 'enough' });
    const ran = process.cpuUsage(startCpu);
    const coresWhileRunning = (ran.user + ran.system) / 1000 / (performance.now() - startedAt);
    const calls = progress.length;
    const cpuMs = await cpuMsOver(400);
    assert.equal(progress.length, calls, 'onProgress is not called after the rejection');
    // Work going on would burn what it burned while running; V8's own background
    // threads (a GC) may take some, so the bar is a third of that, and at least 60 ms.
    const bar = Math.max(60, (coresWhileRunning * 400) / 3);
    assert.ok(cpuMs < bar, `${cpuMs.toFixed(0)} ms of CPU in the 400 ms after the rejection (bar ${bar.toFixed(0)} ms)`);
  });
}

test('lines() and jsonLines() end their iteration when the signal fires, as readline\'s does, and close the source', async () => {
  for (const read of [readline.lines, readline.jsonLines]) {
    const controller = new AbortController();
    let closed = false;
    const source = {
      async *[Symbol.asyncIterator]() {
        try {
          for (let i = 0; ; i++) {
            yield `{"n":${i}}\n`;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        } finally {
          closed = true;
        }
      },
    };
    let count = 0;
    setTimeout(() => controller.abort(), 60);
    for await (const line of read(source, { signal: controller.signal })) {
      assert.ok(line);
      count++;
    }
    assert.ok(count > 2, `${count} lines before the abort`);
    assert.equal(closed, true, 'the source was closed');
  }
  const seen = [];
  for await (const line of readline.lines(bigFile, { signal: AbortSignal.abort() })) seen.push(line);
  assert.deepEqual(seen, []);
  assert.throws(() => readline.lines(bigFile, { signal: 'x' }), { code: 'ERR_INVALID_ARG_TYPE', message: /"options\.signal" property must be an instance of AbortSignal/ });
});
