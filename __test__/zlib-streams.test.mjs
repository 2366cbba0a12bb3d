// hotpath/zlib streams, differential against node:zlib: output and 'data' pieces
// over random chunkings, flush/params/reset/close, event order, backpressure,
// and native memory after many streams.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import node from 'node:zlib';
import { seededRandom } from './helpers/random.mjs';
import { recordStream } from './helpers/stream-record.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');
const { constants: C } = node;

function sampleInput(random, length) {
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = random.next() < 0.7 ? 97 + (i % 7) : random.int(0, 255);
  return out;
}

function chunksOf(random, buffer) {
  const chunks = [];
  for (let i = 0; i < buffer.length; ) {
    const size = random.int(1, random.pick([16, 1000, 70000]));
    chunks.push(buffer.subarray(i, i + size));
    i += size;
  }
  return chunks;
}

/** Writes `chunks` as separate writes, ends, and records pieces and events. */
function run(stream, chunks) {
  const { closed } = recordStream(stream);
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return closed;
}

const DECODERS = [
  ['createGunzip', 'gzipSync'],
  ['createInflate', 'deflateSync'],
  ['createInflateRaw', 'deflateRawSync'],
  ['createUnzip', 'gzipSync'],
  ['createUnzip', 'deflateSync'],
  ['createBrotliDecompress', 'brotliCompressSync'],
];

test('decompression streams give Node\'s output, pieces, events and bytesWritten over random chunkings', async () => {
  const random = seededRandom(21);
  for (let round = 0; round < 60; round++) {
    const [create, encode] = random.pick(DECODERS);
    const input = sampleInput(random, random.int(0, 400000));
    const encoded = node[encode](input);
    const chunks = chunksOf(random, encoded);
    const options = { chunkSize: random.pick([64, 1024, 16384, 65536]) };
    const ours = await run(hotpath[create](options), chunks);
    const theirs = await run(node[create](options), chunks);
    const label = `${create} ${input.length} B in ${chunks.length} chunks, chunkSize ${options.chunkSize}`;
    assert.deepEqual(ours.output, input, label);
    assert.deepEqual(ours.sizes, theirs.sizes, `pieces of ${label}`);
    assert.deepEqual(ours.events, theirs.events, `events of ${label}`);
    assert.equal(ours.bytesWritten, theirs.bytesWritten, `bytesWritten of ${label}`);
  }
});

test('compression streams over random chunkings and options decode with node:zlib', async () => {
  const random = seededRandom(22);
  const encoders = [
    ['createGzip', 'gunzipSync'],
    ['createDeflate', 'inflateSync'],
    ['createDeflateRaw', 'inflateRawSync'],
    ['createBrotliCompress', 'brotliDecompressSync'],
  ];
  for (let round = 0; round < 40; round++) {
    const [create, decode] = random.pick(encoders);
    const input = sampleInput(random, random.int(0, 300000));
    const options = create === 'createBrotliCompress'
      ? { params: { [C.BROTLI_PARAM_QUALITY]: random.int(0, 11) } }
      : { level: random.int(-1, 9), memLevel: random.int(1, 9), strategy: random.int(0, 4) };
    const ours = await run(hotpath[create](options), chunksOf(random, input));
    assert.deepEqual(node[decode](ours.output), input, `${create} ${JSON.stringify(options)}`);
    assert.equal(ours.bytesWritten, input.length);
  }
});

test('corrupt and truncated streams fail with Node\'s error and events', async () => {
  const random = seededRandom(23);
  const good = node.gzipSync(sampleInput(random, 50000));
  const big = node.gzipSync(sampleInput(random, 2 << 20));
  const lateDamage = Buffer.from(big);
  lateDamage[Math.floor(big.length * 0.9)] ^= 0x55;
  const dictionary = Buffer.from('a dictionary the stream was compressed against');
  const needsDictionary = node.deflateRawSync(Buffer.from(`${dictionary} `.repeat(400)), { dictionary });
  const cases = [
    ['createInflateRaw', [needsDictionary]],
    ['createGunzip', [lateDamage]],
    ['createGunzip', chunksOf(random, lateDamage)],
    ['createGunzip', [Buffer.from('garbage')]],
    ['createGunzip', [good.subarray(0, 100)]],
    ['createInflate', [good]],
    ['createBrotliDecompress', [Buffer.from('garbage')]],
    ['createBrotliDecompress', [node.brotliCompressSync('hello').subarray(0, 3)]],
    ['createGunzip', [Buffer.concat([good, Buffer.from([0])]), node.gzipSync('x')]],
  ];
  for (const [create, chunks] of cases) {
    const ours = await run(hotpath[create](), chunks);
    const theirs = await run(node[create](), chunks);
    assert.deepEqual(ours.events, theirs.events, create);
    assert.deepEqual(ours.sizes, theirs.sizes, `pieces before the error, ${create}`);
    assert.equal(ours.error?.message, theirs.error?.message, create);
    assert.equal(ours.error?.errno, theirs.error?.errno, create);
  }
});

test('data written before flush() is decodable at once', async () => {
  for (const create of ['createGzip', 'createDeflate', 'createDeflateRaw', 'createBrotliCompress']) {
    const stream = hotpath[create]();
    const pieces = [];
    stream.on('data', (piece) => pieces.push(piece));
    stream.write('hello, ');
    stream.write('flushed world');
    await new Promise((resolve) => stream.flush(resolve));
    const sofar = Buffer.concat(pieces);
    const decoder = {
      createGzip: node.createGunzip,
      createDeflate: node.createInflate,
      createDeflateRaw: node.createInflateRaw,
      createBrotliCompress: node.createBrotliDecompress,
    }[create]();
    const text = [];
    decoder.on('data', (d) => text.push(d));
    decoder.write(sofar);
    await new Promise((resolve) => decoder.flush(resolve));
    assert.equal(Buffer.concat(text).toString(), 'hello, flushed world', create);
    stream.destroy();
    decoder.destroy();
  }
});

/** Writes `first`, calls params(level, strategy), writes `second`; returns the output. */
async function deflateWithParams(make, initialLevel, first, level, strategy, second) {
  const stream = make({ level: initialLevel });
  const pieces = [];
  stream.on('data', (piece) => pieces.push(piece));
  stream.write(first);
  await new Promise((resolve) => stream.params(level, strategy, resolve));
  assert.equal(stream._level, level);
  assert.equal(stream._strategy, strategy);
  stream.end(second);
  await once(stream, 'end');
  return Buffer.concat(pieces);
}

test('params() changes level mid-stream and the output stays one valid stream', async () => {
  const input = sampleInput(seededRandom(24), 100000);
  const output = await deflateWithParams(hotpath.createDeflate, 1, input.subarray(0, 50000), 9, C.Z_FILTERED, input.subarray(50000));
  assert.deepEqual(node.inflateSync(output), input);
  const stream = hotpath.createDeflate();
  assert.throws(() => stream.params(10, 0), { code: 'ERR_OUT_OF_RANGE', name: 'RangeError' });
  stream.destroy();
});

test('params() reaches the engine as in Node: deflate and deflateRaw compress what follows at the new level, gzip keeps its settings', async () => {
  const text = Buffer.from('params must reach the native deflate state, not only the JS fields. '.repeat(2000));
  const head = text.subarray(0, 1000);
  const switches = [
    // [from level, to level, to strategy, "took effect" judged from the output size]
    [9, 0, C.Z_DEFAULT_STRATEGY, (size) => size > text.length], // stored
    [0, 9, C.Z_DEFAULT_STRATEGY, (size) => size < text.length / 20], // compressed
    [6, 6, C.Z_HUFFMAN_ONLY, (size) => size > text.length / 10], // no matches
  ];
  for (const make of ['createDeflate', 'createDeflateRaw', 'createGzip']) {
    const decode = { createDeflate: 'inflateSync', createGzip: 'gunzipSync', createDeflateRaw: 'inflateRawSync' }[make];
    for (const [from, level, strategy, tookEffect] of switches) {
      const label = `${make} level ${from} → params(${level}, ${strategy})`;
      const ours = await deflateWithParams(hotpath[make], from, head, level, strategy, text);
      const theirs = await deflateWithParams(node[make], from, head, level, strategy, text);
      assert.deepEqual(node[decode](ours), Buffer.concat([head, text]), label);
      // Node's Gzip class changes only its JS fields: zlib's deflateParams runs for
      // Deflate and DeflateRaw alone.
      assert.equal(tookEffect(theirs.length), make !== 'createGzip', `${label}: Node's own output ${theirs.length} B`);
      assert.equal(tookEffect(ours.length), tookEffect(theirs.length), `${label}: ${ours.length} B, Node's ${theirs.length} B`);
    }
  }
});

test('reset() restarts decoding as Node\'s does', async () => {
  const first = node.gzipSync('first member, abandoned half way');
  const second = node.gzipSync('second member');
  const record = async (zlib) => {
    const stream = zlib.createGunzip();
    const pieces = [];
    stream.on('data', (piece) => pieces.push(piece));
    await new Promise((resolve) => stream.write(first.subarray(0, 20), resolve));
    stream.reset();
    stream.end(second);
    await once(stream, 'end');
    return Buffer.concat(pieces).toString();
  };
  assert.equal(await record(hotpath), await record(node));
  const gzip = hotpath.createGzip();
  gzip.reset();
  const out = [];
  gzip.on('data', (d) => out.push(d));
  gzip.end('after reset');
  await once(gzip, 'end');
  assert.equal(node.gunzipSync(Buffer.concat(out)).toString(), 'after reset');
});

test('close in data, destroy mid-write and write after end give Node\'s events', async () => {
  const scenarios = {
    closeInData: (s) => {
      s.on('data', () => s.close());
      s.end(Buffer.alloc(1 << 20));
    },
    destroyMidWrite: (s) => {
      s.write(Buffer.alloc(100000));
      s.destroy();
    },
    writeAfterEnd: (s) => {
      s.end('a');
      s.write('b');
    },
    closeWithCallback: (s) => {
      s.write('a');
      s.close(() => s.emit('closed-callback'));
    },
  };
  for (const [label, act] of Object.entries(scenarios)) {
    const record = async (zlib) => {
      const stream = zlib.createGzip();
      const events = [];
      stream.on('data', () => events.push('data'));
      for (const name of ['finish', 'end', 'close', 'error', 'closed-callback']) {
        stream.on(name, (e) => events.push(e?.code ? `${name}:${e.code}` : name));
      }
      act(stream);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return events;
    };
    assert.deepEqual(await record(hotpath), await record(node), label);
  }
});

test('a paused reader holds decompression back (backpressure)', async () => {
  const bomb = node.gzipSync(Buffer.alloc(64 << 20));
  const stream = hotpath.createGunzip();
  stream.write(bomb);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.ok(stream.readableLength < 4 << 20, `buffered ${stream.readableLength} bytes`);
  let total = 0;
  stream.on('data', (d) => {
    total += d.length;
  });
  stream.end();
  await once(stream, 'end');
  assert.equal(total, 64 << 20);
});

test('_processChunk without a callback runs synchronously, as Node\'s does', () => {
  const stream = hotpath.createGzip();
  const out = stream._processChunk(Buffer.from('sync'), C.Z_FINISH);
  assert.equal(node.gunzipSync(out).toString(), 'sync');
  assert.equal(stream._closed, true);
});

test('classes are callable without new and inherit like Node\'s', () => {
  for (const name of ['Deflate', 'Inflate', 'Gzip', 'Gunzip', 'DeflateRaw', 'InflateRaw', 'Unzip', 'BrotliCompress', 'BrotliDecompress']) {
    const stream = hotpath[name]();
    assert.ok(stream instanceof hotpath[name], name);
    assert.equal(stream.constructor.name, name);
    assert.equal(typeof stream.params, 'function');
    stream.destroy();
  }
  assert.ok(hotpath.createDeflateRaw() instanceof hotpath.DeflateRaw);
});

test('10,000 streams created, used and destroyed leave no native memory behind', async () => {
  const cycle = async (count) => {
    for (let i = 0; i < count; i++) {
      const stream = i % 2 ? hotpath.createGzip({ level: 9 }) : hotpath.createBrotliCompress();
      stream.write('some data to allocate the engine');
      stream.destroy();
      // Let in-flight writes settle now and then, as a server's streams would.
      if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    globalThis.gc?.();
  };
  await cycle(2000);
  const before = process.memoryUsage().rss;
  await cycle(10000);
  const grown = process.memoryUsage().rss - before;
  // A leaked deflate state alone is ~270 KiB: 10,000 of them would be gigabytes.
  assert.ok(grown < 48 << 20, `RSS grew by ${grown} bytes`);
});

test('streams ending in corrupt data give Node\'s error message for every damaged bit tried', async () => {
  const random = seededRandom(25);
  const good = node.deflateSync(sampleInput(random, 100000));
  const outcome = (zlib, chunks) =>
    new Promise((resolve) => {
      const stream = zlib.createInflate();
      stream.on('error', (error) => resolve(`${error.code} ${error.message}`));
      stream.on('data', () => {});
      stream.on('end', () => resolve('end'));
      for (const chunk of chunks.slice(0, -1)) stream.write(chunk);
      // The last chunk goes with end(), so the engine finishes (Z_FINISH) on it.
      stream.end(chunks[chunks.length - 1]);
    });
  for (let i = 0; i < 300; i++) {
    const damaged = Buffer.from(good);
    damaged[random.int(2, damaged.length - 5)] ^= 1 << random.int(0, 7);
    const chunks = chunksOf(random, damaged);
    assert.equal(await outcome(hotpath, chunks), await outcome(node, chunks), `damage ${i}`);
  }
});

test('damaged, truncated and extended streams in random writes match Node event for event', async () => {
  const random = seededRandom(26);
  const formats = [
    ['createGunzip', 'gzipSync'],
    ['createInflate', 'deflateSync'],
    ['createInflateRaw', 'deflateRawSync'],
    ['createUnzip', 'gzipSync'],
    ['createBrotliDecompress', 'brotliCompressSync'],
  ];
  for (let round = 0; round < 150; round++) {
    const [create, encode] = random.pick(formats);
    let data = node[encode](sampleInput(random, random.int(0, 100000)));
    switch (random.int(0, 4)) {
      case 0: // truncated
        data = data.subarray(0, random.int(0, data.length));
        break;
      case 1: // one bit flipped
        data = Buffer.from(data);
        data[random.int(0, data.length - 1)] ^= 1 << random.int(0, 7);
        break;
      case 2: // a second stream or member follows
        data = Buffer.concat([data, node[encode](sampleInput(random, random.int(0, 5000)))]);
        break;
      case 3: // zero padding and a stray byte
        data = Buffer.concat([data, Buffer.from([0, 0, random.int(0, 255)])]);
        break;
      default:
    }
    const chunks = chunksOf(random, data);
    const options = { chunkSize: random.pick([64, 1000, 16384]) };
    const ours = await run(hotpath[create](options), chunks);
    const theirs = await run(node[create](options), chunks);
    const label = `round ${round}: ${create} ${data.length} B in ${chunks.length} writes`;
    assert.deepEqual(ours.events, theirs.events, label);
    assert.deepEqual(ours.output, theirs.output, label);
    assert.equal(ours.error?.message, theirs.error?.message, label);
  }
});

test('a data listener that throws surfaces as an uncaught exception, as with Node', () => {
  const script =
    "process.on('uncaughtException', (error, origin) => { console.log(origin, error.message); });" +
    "const z = require('hotpath/zlib'); const s = z.createGunzip();" +
    "s.on('data', () => { throw new Error('boom-from-data'); }); s.end(z.gzipSync('hello'));";
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: new URL('..', import.meta.url) });
  assert.equal(child.stdout.trim(), 'uncaughtException boom-from-data', child.stderr);
});
