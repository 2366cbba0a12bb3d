// Misuse that must never take a process down: views of detached ArrayBuffers, the
// addon's functions and methods called with odd arguments or on the wrong `this`,
// and zlib streams used after destroy() or close(). Node-named functions must answer
// as the built-in does; extras treat a detached view as the empty input it now is.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { runNode } from './helpers/child-node.mjs';
import nodeZlib from 'node:zlib';
import nodeCrypto from 'node:crypto';
import { StringDecoder as NodeDecoder } from 'node:string_decoder';
import { outcome, callbackOutcome } from './fuzz/budget.mjs';

const require = createRequire(import.meta.url);
const zlib = require('../lib/zlib.js');
const crypto = require('../lib/crypto.js');
const stringDecoder = require('../lib/string_decoder.js');
const buffer = require('../lib/buffer.js');

/** A Uint8Array whose ArrayBuffer was transferred away: byteLength 0 from now on. */
function detached() {
  const view = new Uint8Array(64).fill(97);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

test('a detached view is empty input to every Node-named function, as in the built-in', () => {
  const cases = {
    gzipSync: (z) => z.gzipSync(detached()),
    gunzipSync: (z) => z.gunzipSync(detached()),
    inflateRawSync: (z) => z.inflateRawSync(detached()),
    brotliDecompressSync: (z) => z.brotliDecompressSync(detached()),
    crc32: (z) => z.crc32(detached(), 7),
  };
  for (const [name, call] of Object.entries(cases)) assert.deepEqual(outcome(() => call(zlib)), outcome(() => call(nodeZlib)), name);
  const hashes = {
    'createHash().update().digest()': (c) => c.createHash('sha256').update(detached()).update('x').digest('hex'),
    'createHmac().update().digest()': (c) => c.createHmac('sha1', detached()).update(detached()).digest('base64'),
    pbkdf2Sync: (c) => c.pbkdf2Sync(detached(), detached(), 2, 16, 'sha256'),
  };
  for (const [name, call] of Object.entries(hashes)) assert.deepEqual(outcome(() => call(crypto)), outcome(() => call(nodeCrypto)), name);
  const decode = (Decoder) => {
    const decoder = new Decoder('utf8');
    return [decoder.write(Buffer.from([0xe2])), decoder.write(detached()), decoder.end(detached()), decoder.end()];
  };
  assert.deepEqual(outcome(() => decode(stringDecoder.StringDecoder)), outcome(() => decode(NodeDecoder)), 'StringDecoder');
  const haystack = Buffer.from('abcabc');
  for (const method of ['indexOf', 'lastIndexOf', 'includes']) {
    assert.deepEqual(outcome(() => buffer[method](haystack, detached())), outcome(() => haystack[method](detached())), method);
    assert.deepEqual(outcome(() => buffer[method](Buffer.from(detached().buffer), 'a')), outcome(() => Buffer.from(detached().buffer)[method]('a')), `${method} in a detached haystack`);
  }
});

test('a view of a detached buffer given to a callback form throws or calls back as the built-in does', async () => {
  const views = {
    Buffer: () => Buffer.from(new ArrayBuffer(64)),
    Uint8Array: () => new Uint8Array(64).fill(97),
    Float64Array: () => new Float64Array(8),
    DataView: () => new DataView(new ArrayBuffer(64)),
  };
  // Whether the call threw (and what), or what its callback got.
  const answer = (z, name, view) =>
    new Promise((resolve) => {
      try {
        z[name](view, (error, value) => resolve(error ? ['callback', error.code, error.message] : ['callback', value.length]));
      } catch (error) {
        resolve(['throws', error.constructor.name, error.code, error.message]);
      }
    });
  for (const name of ['gzip', 'gunzip', 'deflateRaw', 'inflate', 'unzip', 'brotliDecompress']) {
    for (const [kind, make] of Object.entries(views)) {
      const view = () => {
        const made = make();
        structuredClone(made.buffer, { transfer: [made.buffer] });
        return made;
      };
      assert.deepEqual(await answer(zlib, name, view()), await answer(nodeZlib, name, view()), `${name}(${kind})`);
    }
  }
});

test('a detached ArrayBuffer itself gets the built-in answer from Node-named functions, and a TypeError from extras', async () => {
  const detachedBuffer = () => {
    const buffer = new ArrayBuffer(16);
    structuredClone(buffer, { transfer: [buffer] });
    return buffer;
  };
  const cases = {
    gzipSync: [(z) => z.gzipSync(detachedBuffer()), zlib, nodeZlib],
    crc32: [(z) => z.crc32(detachedBuffer()), zlib, nodeZlib],
    'createHash().update()': [(c) => c.createHash('md5').update(detachedBuffer()).digest('hex'), crypto, nodeCrypto],
    'createHmac() key': [(c) => c.createHmac('sha256', detachedBuffer()).update('x').digest('hex'), crypto, nodeCrypto],
    'pbkdf2Sync password': [(c) => c.pbkdf2Sync(detachedBuffer(), 'salt', 1, 8, 'sha256'), crypto, nodeCrypto],
  };
  for (const [name, [call, ours, theirs]] of Object.entries(cases)) assert.deepEqual(outcome(() => call(ours)), outcome(() => call(theirs)), name);
  for (const extra of [() => crypto.hashManySync('sha1', [detachedBuffer()]), () => stringDecoder.decode(detachedBuffer(), 'gbk'), () => buffer.count(detachedBuffer(), 'a')]) {
    assert.throws(extra, TypeError);
  }
  // Extras that return a promise reject instead.
  await assert.rejects(zlib.gzipMany([detachedBuffer()]), TypeError);
  await assert.rejects(crypto.hashMany('sha1', [detachedBuffer()]), TypeError);
});

test('extras treat a detached view as empty input', async () => {
  const empty = new Uint8Array(0);
  assert.deepEqual(await zlib.gzipMany([detached()]).then((out) => out.map((b) => zlib.gunzipSync(b))), [Buffer.alloc(0)]);
  assert.deepEqual(crypto.hashManySync('sha256', [detached()]), crypto.hashManySync('sha256', [empty]));
  assert.deepEqual(await crypto.hashMany('sha256', [detached(), 'x']), await crypto.hashMany('sha256', [empty, 'x']));
  assert.equal(stringDecoder.decode(detached(), 'gbk'), '');
  assert.equal(buffer.count(detached(), 'a'), 0);
  assert.deepEqual(buffer.indexOfAll(detached(), 'a'), buffer.indexOfAll(empty, 'a'));
  assert.deepEqual(new buffer.Searcher('ab').push(detached()), []);
});

// Calls every function and class method of the addon with odd arguments and on
// foreign receivers, in a child process: a crash shows as its exit, not ours.
const MISUSE_SOURCE = String.raw`
  const binding = require('./binding.js');
  const detached = () => { const u = new Uint8Array(8); structuredClone(u.buffer, { transfer: [u.buffer] }); return u; };
  const odd = [undefined, null, 0, -1, 2 ** 32, NaN, 1.5, 'x', '', {}, [], [1, 'a'], true, 10n, () => {},
    Buffer.from('abc'), new Float64Array(2), new Int32Array(2), detached(), new DataView(new ArrayBuffer(4)), Symbol('s')];
  // Calls that would legitimately change the process (pool sizes) or that exist to panic.
  const skip = new Set(['poolSetThreads', 'poolSetDefaultThreads', '__panicProbe']);
  let random = 12345;
  const next = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = () => odd[Math.floor(next() * odd.length)];
  const args = () => Array.from({ length: Math.floor(next() * 6) }, pick);
  let calls = 0;
  const settle = (value) => { if (value && typeof value.then === 'function') value.catch(() => {}); };
  const attempt = (fn) => { calls++; try { settle(fn()); } catch (error) { if (!(error instanceof Error)) throw new Error('non-Error thrown: ' + String(error)); } };
  for (const [name, value] of Object.entries(binding)) {
    if (typeof value !== 'function' || skip.has(name)) continue;
    const isClass = /^[A-Z]/.test(name) && value.prototype && Object.getOwnPropertyNames(value.prototype).length > 1;
    for (let i = 0; i < 60; i++) {
      if (!isClass) { attempt(() => value(...args())); continue; }
      attempt(() => new value(...args()));
      for (const method of Object.getOwnPropertyNames(value.prototype)) {
        if (method === 'constructor') continue;
        const receiver = [{}, Object.create(value.prototype), new Map(), pick()][Math.floor(next() * 4)];
        attempt(() => value.prototype[method].call(receiver, ...args()));
      }
    }
  }
  setTimeout(() => console.log('survived ' + calls), 200);
`;

test('every addon function and method survives odd arguments and a wrong this (throws an Error or returns)', () => {
  const result = runNode(['-e', MISUSE_SOURCE]);
  assert.equal(result.signal, null, result.stderr);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /survived \d+/);
});

const STREAMS = ['Gzip', 'Gunzip', 'Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Unzip', 'BrotliCompress', 'BrotliDecompress'];

/** What a stream does when used after `end` (destroy() or close()): each call's outcome. */
async function afterwards(z, Class, end) {
  const stream = z[`create${Class}`]();
  const events = [];
  stream.on('error', (error) => events.push(['error', error.code, error.message]));
  stream.on('close', () => events.push(['close']));
  stream.resume();
  if (end === 'destroy') stream.destroy();
  else stream.close();
  const results = {
    write: await callbackOutcome((done) => stream.write(Buffer.from('abc'), done)),
    flush: await callbackOutcome((done) => stream.flush(done)),
    // params(): see the next test (in Node 20/26 an uncaught assertion).
    reset: outcome(() => stream.reset()),
  };
  await new Promise((resolve) => setImmediate(resolve));
  return { results, events, destroyed: stream.destroyed, bytesWritten: stream.bytesWritten };
}

test('zlib streams used after destroy() or close() do what the built-in streams do', async () => {
  for (const Class of STREAMS) {
    for (const end of ['destroy', 'close']) {
      assert.deepEqual(await afterwards(zlib, Class, end), await afterwards(nodeZlib, Class, end), `${Class} after ${end}()`);
    }
  }
});

test('params() after destroy() or close() does what the built-in does (Node 22/24: the callback gets the error; 20/26: an uncaught assertion)', () => {
  for (const end of ['destroy', 'close']) {
    const run = (module) => {
      const result = runNode([
        '-e',
        `const s = require(${JSON.stringify(module)}).createDeflate(); s.on('error', (e) => console.log('error event', e.code)); s.${end}(); s.params(1, 0, (e) => console.log('callback', e && e.code));`,
      ]);
      return { status: result.status, stdout: result.stdout, asserted: /code: 'ERR_INTERNAL_ASSERTION'/.test(result.stderr) };
    };
    assert.deepEqual(run('./lib/zlib.js'), run('node:zlib'), end);
  }
});
