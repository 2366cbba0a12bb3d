// hotpath/zlib one-shot functions, differential against node:zlib: round trips
// both ways over formats × options × random inputs, Node's data rules, errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import node from 'node:zlib';
import { seededRandom } from './helpers/random.mjs';
import { sampleInput, asyncName } from './helpers/zlib-inputs.mjs';
import { assertSameError } from './helpers/errors.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');
const { constants: C } = node;


const PAIRS = [
  ['deflateSync', 'inflateSync'],
  ['gzipSync', 'gunzipSync'],
  ['deflateRawSync', 'inflateRawSync'],
  ['gzipSync', 'unzipSync'],
  ['deflateSync', 'unzipSync'],
];

// One-shot compression goes to libdeflate from 16 KiB up with a 32 KiB window and the
// default strategy, to zlib-rs otherwise: half the random rounds are cases libdeflate
// may take, with sizes on both sides of 16 KiB.
const LIBDEFLATE_MIN_INPUT = 16 << 10;

test('every format × level × windowBits × memLevel × strategy round-trips both ways with node:zlib', () => {
  const random = seededRandom(3);
  for (let round = 0; round < 300; round++) {
    const [compress, decompress] = random.pick(PAIRS);
    const libdeflateShaped = round % 2 === 0;
    const options = {
      level: random.int(-1, 9),
      windowBits: libdeflateShaped ? 15 : random.int(compress === 'gzipSync' ? 9 : 8, 15),
      memLevel: random.int(1, 9),
      strategy: libdeflateShaped ? C.Z_DEFAULT_STRATEGY : random.int(0, 4),
    };
    const sizes = libdeflateShaped
      ? [LIBDEFLATE_MIN_INPUT - 1, LIBDEFLATE_MIN_INPUT, random.int(0, 300000)]
      : [0, 1, 100, 5000, random.int(0, 300000)];
    const input = sampleInput(random, random.pick(sizes));
    const label = `${compress} ${JSON.stringify(options)} ${input.length} B`;
    const inflateOptions = decompress === 'inflateRawSync' ? { windowBits: 15 } : {};
    const ours = hotpath[compress](input, { ...options });
    assert.deepEqual(node[decompress](ours, inflateOptions), input, `node decodes ${label}`);
    const theirs = node[compress](input, { ...options });
    assert.deepEqual(hotpath[decompress](theirs, inflateOptions), input, `hotpath decodes ${label}`);
  }
});

test('big inputs (up to 4 MiB) round-trip both ways', () => {
  const random = seededRandom(4);
  for (const length of [1 << 20, 4 << 20]) {
    const input = sampleInput(random, length);
    assert.deepEqual(node.gunzipSync(hotpath.gzipSync(input)), input);
    assert.deepEqual(hotpath.gunzipSync(node.gzipSync(input)), input);
    assert.deepEqual(hotpath.inflateRawSync(node.deflateRawSync(input)), input);
  }
});

test('brotli qualities 0–11 and every mode round-trip both ways', () => {
  const random = seededRandom(5);
  for (let quality = 0; quality <= 11; quality++) {
    for (const mode of [C.BROTLI_MODE_GENERIC, C.BROTLI_MODE_TEXT, C.BROTLI_MODE_FONT]) {
      const input = sampleInput(random, random.int(0, 70000));
      const params = { [C.BROTLI_PARAM_QUALITY]: quality, [C.BROTLI_PARAM_MODE]: mode, [C.BROTLI_PARAM_SIZE_HINT]: input.length };
      assert.deepEqual(node.brotliDecompressSync(hotpath.brotliCompressSync(input, { params })), input, `q${quality}`);
      assert.deepEqual(hotpath.brotliDecompressSync(node.brotliCompressSync(input, { params })), input, `q${quality}`);
    }
  }
});

test('brotli lgwin, lgblock and large-window parameters produce streams node:zlib decodes', () => {
  const input = sampleInput(seededRandom(6), 200000);
  for (const params of [
    { [C.BROTLI_PARAM_LGWIN]: 10 },
    { [C.BROTLI_PARAM_LGWIN]: 24, [C.BROTLI_PARAM_LGBLOCK]: 16 },
    { [C.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING]: 1, [C.BROTLI_PARAM_QUALITY]: 5 },
  ]) {
    assert.deepEqual(node.brotliDecompressSync(hotpath.brotliCompressSync(input, { params })), input);
  }
  const large = { params: { [C.BROTLI_PARAM_LARGE_WINDOW]: 1, [C.BROTLI_PARAM_LGWIN]: 26, [C.BROTLI_PARAM_QUALITY]: 4 } };
  const decodeLarge = { params: { [C.BROTLI_DECODER_PARAM_LARGE_WINDOW]: 1 } };
  assert.deepEqual(node.brotliDecompressSync(hotpath.brotliCompressSync(input, large), decodeLarge), input);
});

test('a dictionary primes deflate and inflate as in Node', () => {
  const dictionary = Buffer.from('hello world, the quick brown fox ');
  const input = Buffer.from('the quick brown fox says hello world '.repeat(20));
  for (const [compress, decompress] of [['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync']]) {
    const ours = hotpath[compress](input, { dictionary });
    assert.deepEqual(node[decompress](ours, { dictionary }), input);
    assert.deepEqual(hotpath[decompress](node[compress](input, { dictionary }), { dictionary }), input);
  }
  const withDict = node.deflateSync(input, { dictionary });
  assertSameError(() => hotpath.inflateSync(withDict), () => node.inflateSync(withDict), 'missing dictionary');
  const wrong = { dictionary: Buffer.from('nope') };
  assertSameError(() => hotpath.inflateSync(withDict, wrong), () => node.inflateSync(withDict, wrong), 'bad dictionary');
  const raw = node.deflateRawSync(input, { dictionary });
  assertSameError(() => hotpath.inflateRawSync(raw), () => node.inflateRawSync(raw), 'raw without dictionary');
});

function assertSameEngineError(ours, theirs, label) {
  assertSameError(ours, theirs, label);
  let expected;
  try {
    theirs();
  } catch (error) {
    expected = error;
  }
  assert.throws(ours, (actual) => actual.errno === expected.errno, `errno for ${label}`);
}

test('corrupt, truncated and empty inputs throw Node\'s error, code and errno', () => {
  const random = seededRandom(7);
  const text = sampleInput(random, 20000);
  const encoded = {
    inflateSync: node.deflateSync(text),
    gunzipSync: node.gzipSync(text),
    inflateRawSync: node.deflateRawSync(text),
    unzipSync: node.gzipSync(text),
    brotliDecompressSync: node.brotliCompressSync(text),
  };
  for (const [name, good] of Object.entries(encoded)) {
    const inputs = {
      empty: Buffer.alloc(0),
      garbage: Buffer.from('garbage'),
      ff: Buffer.alloc(8, 0xff),
      truncated: good.subarray(0, good.length >> 1),
      oneByte: good.subarray(0, 1),
      lastByteMissing: good.subarray(0, good.length - 1),
    };
    for (let i = 0; i < 20; i++) {
      const flipped = Buffer.from(good);
      flipped[random.int(0, flipped.length - 1)] ^= 1 << random.int(0, 7);
      inputs[`flip${i}`] = flipped;
    }
    for (const [kind, input] of Object.entries(inputs)) {
      let expected;
      try {
        expected = node[name](input);
      } catch {
        assertSameEngineError(() => hotpath[name](input), () => node[name](input), `${name} ${kind}`);
        continue;
      }
      assert.deepEqual(hotpath[name](input), expected, `${name} ${kind}`);
    }
  }
});

test('gzip members are decoded one after another; 0x00 after a member is padding', () => {
  const abc = node.gzipSync('abc');
  const def = node.gzipSync('def');
  const cases = {
    twoMembers: Buffer.concat([abc, def]),
    padding: Buffer.concat([abc, def, Buffer.alloc(10)]),
    zeroThenText: Buffer.concat([abc, Buffer.from([0]), Buffer.from('A')]),
    badMember: Buffer.concat([abc, Buffer.from([0x1f, 0x8b, 0xff, 0xff])]),
    textAfter: Buffer.concat([abc, Buffer.from('AB')]),
  };
  for (const [label, input] of Object.entries(cases)) {
    for (const name of ['gunzipSync', 'unzipSync']) {
      let expected;
      try {
        expected = node[name](input);
      } catch {
        assertSameEngineError(() => hotpath[name](input), () => node[name](input), `${name} ${label}`);
        continue;
      }
      assert.deepEqual(hotpath[name](input), expected, `${name} ${label}`);
    }
  }
});

test('inflate, inflateRaw, brotli and unzip-on-zlib stop after the first stream', () => {
  const two = (f) => Buffer.concat([node[f]('abc'), node[f]('def')]);
  assert.equal(hotpath.inflateSync(two('deflateSync')).toString(), 'abc');
  assert.equal(hotpath.unzipSync(two('deflateSync')).toString(), 'abc');
  assert.equal(hotpath.inflateRawSync(two('deflateRawSync')).toString(), 'abc');
  assert.equal(hotpath.brotliDecompressSync(two('brotliCompressSync')).toString(), 'abc');
});

test('bad options throw Node\'s errors from both the factories and the one-shot functions', () => {
  const bad = [
    { level: 10 }, { level: 'x' }, { level: Infinity }, { level: null }, { windowBits: 7 }, { windowBits: 16 },
    { memLevel: 0 }, { memLevel: 10 }, { strategy: 5 }, { strategy: -1 }, { chunkSize: 10 }, { chunkSize: 'x' },
    { dictionary: 'str' }, { dictionary: 1 }, { flush: 99 }, { finishFlush: -1 }, { maxOutputLength: 0 },
    { maxOutputLength: 2 ** 53 }, { windowBits: 8, level: 10 },
  ];
  for (const name of ['Gzip', 'Deflate', 'DeflateRaw', 'Inflate', 'Gunzip', 'InflateRaw', 'Unzip']) {
    const sync = `${name[0].toLowerCase()}${name.slice(1)}Sync`;
    for (const options of bad) {
      let threw = true;
      try {
        node[`create${name}`]({ ...options });
        threw = false;
      } catch {}
      const label = `${name} ${JSON.stringify(options)}`;
      if (!threw) {
        assert.ok(hotpath[`create${name}`]({ ...options }), label);
        continue;
      }
      assertSameError(() => hotpath[`create${name}`]({ ...options }), () => node[`create${name}`]({ ...options }), label);
      assertSameError(() => hotpath[sync]('x', { ...options }), () => node[sync]('x', { ...options }), label);
    }
  }
  assertSameError(() => hotpath.createGzip({ windowBits: 8 }), () => node.createGzip({ windowBits: 8 }), 'gzip windowBits 8');
  assertSameError(() => hotpath.createInflateRaw({ windowBits: 0 }), () => node.createInflateRaw({ windowBits: 0 }), 'inflateRaw windowBits 0');
});

test('DeflateRaw turns windowBits 8 into 9 on the caller\'s object, as Node does', () => {
  const options = { windowBits: 8 };
  hotpath.deflateRawSync('abc', options);
  assert.equal(options.windowBits, 9);
});

test('bad brotli params throw Node\'s errors', () => {
  const bad = [{ 99: 1 }, { '-1': 1 }, { x: 1 }, { [C.BROTLI_PARAM_QUALITY]: 'x' }, { 1.5: 1 }];
  for (const params of bad) {
    assertSameError(() => hotpath.createBrotliCompress({ params }), () => node.createBrotliCompress({ params }), JSON.stringify(params));
    assertSameError(() => hotpath.brotliCompressSync('x', { params }), () => node.brotliCompressSync('x', { params }), JSON.stringify(params));
  }
  assert.ok(hotpath.createBrotliCompress({ params: { [C.BROTLI_PARAM_LGWIN]: 100 } }));
});

test('bad inputs and callbacks throw Node\'s errors', () => {
  for (const input of [123, null, undefined, {}, [1, 2], true]) {
    assertSameError(() => hotpath.deflateSync(input), () => node.deflateSync(input), `deflateSync(${input})`);
  }
  assertSameError(() => hotpath.gzip('x'), () => node.gzip('x'), 'gzip without callback');
  assertSameError(() => hotpath.gzip('x', {}, 'nope'), () => node.gzip('x', {}, 'nope'), 'gzip with a string callback');
});

test('every view type and ArrayBuffer is accepted as input', () => {
  const bytes = Buffer.from('hello hello hello');
  const views = [
    new Uint8Array(bytes), new DataView(new Uint8Array(bytes).buffer), new Float64Array(new Uint8Array(16).fill(7).buffer),
    new Uint8Array(bytes).buffer, 'hello', new Uint8Array(new SharedArrayBuffer(8)),
  ];
  for (const view of views) {
    assert.deepEqual(hotpath.gzipSync(view).length > 0, true);
    assert.deepEqual(node.gunzipSync(hotpath.gzipSync(view)), node.gunzipSync(node.gzipSync(view)));
  }
});

test('maxOutputLength throws RangeError ERR_BUFFER_TOO_LARGE from sync and callback forms', async () => {
  const input = node.deflateSync(Buffer.alloc(100000));
  assertSameError(
    () => hotpath.inflateSync(input, { maxOutputLength: 64 }),
    () => node.inflateSync(input, { maxOutputLength: 64 }),
    'inflateSync bomb',
  );
  const error = await new Promise((resolve) => hotpath.inflate(input, { maxOutputLength: 64 }, resolve));
  assert.equal(error.code, 'ERR_BUFFER_TOO_LARGE');
  assert.equal(error.message, 'Cannot create a Buffer larger than 64 bytes');
  assert.ok(error instanceof RangeError);
  assert.equal(hotpath.inflateSync(input, { maxOutputLength: 100000 }).length, 100000);
});

test('a 1 GiB bomb stops at maxOutputLength without spending the memory', () => {
  // 1024 sync-flushed raw blocks of 1 MiB of zeros each, ended by an empty final
  // block: a valid 1 GiB raw deflate stream of ~1 MiB, built without holding 1 GiB.
  const block = node.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: C.Z_SYNC_FLUSH });
  const bomb = Buffer.concat([...Array(1024).fill(block), Buffer.from([3, 0])]);
  const before = process.memoryUsage().rss;
  assert.throws(() => hotpath.inflateRawSync(bomb, { maxOutputLength: 16 << 20 }), {
    name: 'RangeError',
    code: 'ERR_BUFFER_TOO_LARGE',
  });
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 64 << 20, `RSS grew by ${grown} bytes`);
});

test('info: true returns { buffer, engine } like Node', () => {
  const result = hotpath.gzipSync('hello', { info: true });
  assert.ok(Buffer.isBuffer(result.buffer));
  assert.ok(result.engine instanceof hotpath.Gzip);
  assert.equal(node.gunzipSync(result.buffer).toString(), 'hello');
  assert.equal(result.engine.bytesWritten, 5);
});

test('callback forms work with util.promisify', async () => {
  const gzip = promisify(hotpath.gzip);
  const gunzip = promisify(hotpath.gunzip);
  assert.equal((await gunzip(await gzip('hello'))).toString(), 'hello');
  await assert.rejects(gunzip(Buffer.from('garbage')), { code: 'Z_DATA_ERROR', errno: -3, message: 'incorrect header check' });
});

test('a callback that throws surfaces as an uncaught exception, as with Node', () => {
  const script =
    "process.on('uncaughtException', (error, origin) => { console.log(origin, error.message); });" +
    "require('hotpath/zlib').gzip('x', () => { throw new Error('boom-from-callback'); });";
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: new URL('..', import.meta.url) });
  assert.equal(child.stdout.trim(), 'uncaughtException boom-from-callback', child.stderr);
});

test('gzipMany and gunzipMany process every input on its own', async () => {
  const random = seededRandom(10);
  const inputs = Array.from({ length: 50 }, () => sampleInput(random, random.int(0, 20000)));
  const compressed = await hotpath.gzipMany(inputs, { level: 9 });
  compressed.forEach((gz, i) => assert.deepEqual(node.gunzipSync(gz), inputs[i]));
  assert.deepEqual(await hotpath.gunzipMany(compressed), inputs);
  const brotli = await hotpath.brotliCompressMany(inputs.slice(0, 5));
  assert.deepEqual(await hotpath.brotliDecompressMany(brotli), inputs.slice(0, 5));
  await assert.rejects(hotpath.gunzipMany([compressed[0], Buffer.from('garbage')]), { code: 'Z_DATA_ERROR' });
  await assert.rejects(hotpath.gzipMany('x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('the face keeps Node\'s constants, frozen codes and the running Node\'s non-enumerable legacy names', () => {
  for (const key of Object.keys(node)) assert.ok(key in hotpath, key);
  assert.equal(hotpath.constants, node.constants);
  assert.ok(Object.isFrozen(hotpath.codes));
  // 44 names on Node 20, 107 on 22+: the face has exactly the running Node's.
  const legacyNames = (zlib) => Object.getOwnPropertyNames(zlib)
    .filter((k) => !Object.getOwnPropertyDescriptor(zlib, k).enumerable)
    .sort();
  assert.deepEqual(legacyNames(hotpath), legacyNames(node));
  for (const name of legacyNames(node)) assert.equal(hotpath[name], node[name], name);
  assert.equal(hotpath.Z_BEST_COMPRESSION, 9);
});

test('workers terminated while zlib work is in flight do not crash the process', () => {
  const script = `
    const { Worker } = require('node:worker_threads');
    const code = "const z = require('hotpath/zlib'); const big = Buffer.alloc(8 << 20, 97);" +
      "z.gzip(big, () => {}); const s = z.createGunzip(); s.on('data', () => {}); s.end(z.gzipSync(big));";
    (async () => {
      for (let i = 0; i < 10; i++) {
        const worker = new Worker(code, { eval: true });
        setTimeout(() => worker.terminate(), i);
        await new Promise((resolve) => worker.on('exit', resolve));
      }
      console.log('survived');
    })();`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: new URL('..', import.meta.url) });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /survived/);
});

const DAMAGE_PAIRS = [...PAIRS, ['brotliCompressSync', 'brotliDecompressSync']];

/**
 * `compress`'s output of random input, damaged at random: cut short, a bit flipped, a
 * second stream appended, a stray gzip header appended, or whole. Returns the input size too.
 */
function damagedStream(random, compress, maxSizes) {
  const size = random.int(0, random.pick(maxSizes));
  let data = node[compress](sampleInput(random, size));
  switch (random.int(0, 5)) {
    case 0:
      data = data.subarray(0, random.int(0, data.length));
      break;
    case 1:
      data = Buffer.from(data);
      data[random.int(0, data.length - 1)] ^= 1 << random.int(0, 7);
      break;
    case 2:
      data = Buffer.concat([data, node[compress](sampleInput(random, random.int(0, 3000)))]);
      break;
    case 3:
      data = Buffer.concat([data, Buffer.from([0x1f, 0x8b, random.int(0, 255)])]);
      break;
    default:
  }
  return { data, size };
}

test('random one-shot calls on damaged input give Node\'s result, error and maxOutputLength verdict', () => {
  const random = seededRandom(27);
  const outcome = (call) => {
    try {
      return call().toString('base64');
    } catch (error) {
      return `${error.name} ${error.code} ${error.errno} ${error.message}`;
    }
  };
  for (let round = 0; round < 400; round++) {
    const [compress, decompress] = random.pick(DAMAGE_PAIRS);
    const { data, size } = damagedStream(random, compress, [100, 5000, 200000]);
    // Limits near the output size, where an engine error and the limit compete.
    const limit = random.int(1, size + 100);
    const options = random.pick([{}, { maxOutputLength: limit }, { chunkSize: random.pick([64, 1000]), maxOutputLength: limit }]);
    const label = `round ${round}: ${decompress} ${JSON.stringify(options)}`;
    assert.equal(outcome(() => hotpath[decompress](data, { ...options })), outcome(() => node[decompress](data, { ...options })), label);
  }
});

/** A callback call's outcome, as text: the output's bytes or the error's identity. */
function callbackOutcome(fn, data, options) {
  return new Promise((resolve) => {
    fn(data, options, (error, result) => {
      if (error) resolve(`${error.constructor.name} ${error.name} ${error.code} ${error.errno} ${error.message}`);
      else resolve(`${result.constructor.name} ${result.toString('base64')}`);
    });
  });
}

test('random callback decompression of whole and damaged input gives Node\'s result or error, many calls in flight', async () => {
  const random = seededRandom(41);
  const calls = [];
  for (let round = 0; round < 240; round++) {
    const [compress, decompressSync] = random.pick(DAMAGE_PAIRS);
    const decompress = asyncName(decompressSync);
    const { data, size } = damagedStream(random, compress, [100, 5000, 200000, 1 << 20]);
    const options = random.pick([{}, { maxOutputLength: random.int(1, size + 100) }, { chunkSize: random.pick([64, 1000, 64 << 10]) }]);
    const label = `round ${round}: ${decompress} of ${data.length} B, ${JSON.stringify(options)}`;
    calls.push(
      Promise.all([callbackOutcome(hotpath[decompress], data, { ...options }), callbackOutcome(node[decompress], data, { ...options })]).then(
        ([ours, theirs]) => assert.equal(ours, theirs, label),
      ),
    );
    if (calls.length >= 16) await Promise.all(calls.splice(0));
  }
  await Promise.all(calls);
});

test('random callback compression with random options decodes to the input under Node, parallel sizes included', async () => {
  const random = seededRandom(42);
  const forms = [
    ['gzip', 'gunzipSync'],
    ['deflate', 'inflateSync'],
    ['deflateRaw', 'inflateRawSync'],
    ['brotliCompress', 'brotliDecompressSync'],
  ];
  for (let round = 0; round < 120; round++) {
    const [compress, decompress] = random.pick(forms);
    const input = sampleInput(random, random.int(0, random.pick([1000, 100000, 3 << 20])));
    const brotli = compress === 'brotliCompress';
    const windowBits = random.int(9, 15);
    const options = brotli
      ? { params: { [C.BROTLI_PARAM_QUALITY]: random.int(0, 6), [C.BROTLI_PARAM_LGWIN]: random.int(10, 24) } }
      : { level: random.int(-1, 9), windowBits, memLevel: random.int(1, 9), strategy: random.int(0, 4) };
    const label = `round ${round}: ${compress} ${input.length} B ${JSON.stringify(options)}`;
    const output = await promisify(hotpath[compress])(input, { ...options });
    // Decoded with the same window it was written for (raw deflate window 8 is 9).
    const decodeOptions = brotli ? {} : { windowBits };
    assert.deepEqual(node[decompress](output, decodeOptions), input, label);
  }
});
