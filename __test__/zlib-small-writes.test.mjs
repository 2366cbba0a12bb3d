// Small stream writes run on the JS thread (lib/internal/zlib/small-writes.js) and hand
// their output over later, as a pool write does: the addon's write counters show which
// path each write took, and every observable (output, 'data' pieces, events, errors,
// bytesWritten) is Node's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import node from 'node:zlib';
import { seededRandom } from './helpers/random.mjs';
import { recordStream } from './helpers/stream-record.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');
const { native } = require('../lib/internal/native.js');
const { BROTLI_PARAM_QUALITY } = node.constants;

/** How many stream writes ran here and on the pool while `fn` ran. */
async function writesDuring(fn) {
  const before = native.zlibStreamWriteCounts();
  const value = await fn();
  const after = native.zlibStreamWriteCounts();
  return { value, here: after.here - before.here, pool: after.pool - before.pool };
}

/** create, end(input), read to the end: what a server does per response. */
function shortLived(zlib, create, options, input) {
  const stream = zlib[create](options);
  const { events, closed } = recordStream(stream, { errorMessages: true });
  stream.end(input);
  // Output is never given before end() returns, here or in Node.
  events.push('returned');
  return closed;
}

function json(random, length) {
  let text = '';
  while (text.length < length) text += JSON.stringify({ id: random.int(0, 1e6), name: `user ${random.int(0, 999)}`, ok: random.next() < 0.5 });
  return Buffer.from(text.slice(0, length));
}

const random = seededRandom(2929);
const BODY = json(random, 1024);
const CASES = [
  ['createGzip', undefined, BODY, 'gunzipSync'],
  ['createDeflate', undefined, BODY, 'inflateSync'],
  ['createDeflateRaw', undefined, BODY, 'inflateRawSync'],
  ['createBrotliCompress', { params: { [BROTLI_PARAM_QUALITY]: 4 } }, BODY, 'brotliDecompressSync'],
  ['createGunzip', undefined, node.gzipSync(BODY)],
  ['createInflate', undefined, node.deflateSync(BODY)],
  ['createInflateRaw', undefined, node.deflateRawSync(BODY)],
  ['createUnzip', undefined, node.deflateSync(BODY)],
  ['createBrotliDecompress', undefined, node.brotliCompressSync(BODY)],
];

for (const [create, options, input, decode] of CASES) {
  test(`${create}: a 1 KB body runs on the JS thread and gives Node's output, pieces and events`, async () => {
    const ours = await writesDuring(() => shortLived(hotpath, create, options, input));
    const theirs = await shortLived(node, create, options, input);
    assert.ok(ours.here >= 1, `${ours.here} writes here`);
    assert.equal(ours.pool, 0);
    assert.deepEqual(ours.value.events, theirs.events);
    assert.equal(ours.value.bytesWritten, theirs.bytesWritten);
    if (decode) {
      assert.deepEqual(node[decode](ours.value.output), BODY);
    } else {
      assert.deepEqual(ours.value.sizes, theirs.sizes);
      assert.deepEqual(ours.value.output, theirs.output);
    }
  });
}

test('a write above the size limit goes to the pool', async () => {
  const big = json(random, 64 << 10);
  for (const [create, input] of [['createGzip', big], ['createGunzip', node.gzipSync(json(random, 200 << 10))]]) {
    const ours = await writesDuring(() => shortLived(hotpath, create, undefined, input));
    assert.ok(ours.pool >= 1, `${create}: ${ours.pool} pool writes`);
  }
});

test('a small write whose output outgrows the JS thread\'s room goes on in the pool with Node\'s pieces', async () => {
  // 2 MiB of zeros deflate to ~2 KiB: one small write, many pieces of output.
  const bomb = node.deflateSync(Buffer.alloc(2 << 20));
  for (const chunkSize of [undefined, 1024, 64 << 10]) {
    const options = chunkSize && { chunkSize };
    const ours = await writesDuring(() => shortLived(hotpath, 'createInflate', options, bomb));
    const theirs = await shortLived(node, 'createInflate', options, bomb);
    assert.ok(ours.here >= 1 && ours.pool >= 1, `chunkSize ${chunkSize}: here ${ours.here}, pool ${ours.pool}`);
    assert.deepEqual(ours.value.sizes, theirs.sizes);
    assert.deepEqual(ours.value.output, theirs.output);
    assert.deepEqual(ours.value.events, theirs.events);
  }
});

test('a chunkSize above the JS thread\'s room keeps every write on the pool', async () => {
  const ours = await writesDuring(() => shortLived(hotpath, 'createGunzip', { chunkSize: 1 << 20 }, node.gzipSync(BODY)));
  assert.equal(ours.here, 0);
  assert.ok(ours.pool >= 1);
});

test('a brotli stream at quality 10-11 is Node\'s own, and an instance of hotpath\'s class', async () => {
  for (const quality of [10, 11, undefined]) {
    const options = quality === undefined ? undefined : { params: { [BROTLI_PARAM_QUALITY]: quality } };
    const stream = hotpath.createBrotliCompress(options);
    assert.ok(stream instanceof hotpath.BrotliCompress);
    assert.ok(stream instanceof node.BrotliCompress);
    stream.destroy();
    const used = await writesDuring(() => shortLived(hotpath, 'createBrotliCompress', options, BODY));
    assert.deepEqual([used.here, used.pool], [0, 0]);
    assert.deepEqual(node.brotliDecompressSync(used.value.output), BODY);
  }
});

test('brotli below quality 10 compresses on the JS thread only up to 16 KiB since the last flush', async () => {
  const params = { [BROTLI_PARAM_QUALITY]: 5 };
  const stream = hotpath.createBrotliCompress({ params });
  const pieces = [];
  stream.on('data', (piece) => pieces.push(piece));
  const written = [];
  const counted = await writesDuring(async () => {
    // 20 writes of 1 KiB with no flush between: the ones past 16 KiB go to the pool.
    for (let i = 0; i < 20; i++) {
      const body = json(random, 1024);
      written.push(body);
      await new Promise((resolve) => stream.write(body, resolve));
    }
  });
  assert.equal(counted.here, 16);
  assert.equal(counted.pool, 4);
  // A flush starts the count again.
  const flushed = await writesDuring(async () => {
    await new Promise((resolve) => stream.flush(resolve));
    await new Promise((resolve) => stream.write(BODY, resolve));
  });
  assert.equal(flushed.here, 1);
  written.push(BODY);
  stream.end();
  await new Promise((resolve) => stream.on('end', resolve));
  assert.deepEqual(node.brotliDecompressSync(Buffer.concat(pieces)), Buffer.concat(written));
});

test('corrupt input on the JS thread path fails with Node\'s error and events', async () => {
  const good = node.gzipSync(BODY);
  for (const at of [0, 3, 10, good.length - 6, good.length - 2]) {
    const bad = Buffer.from(good);
    bad[at] ^= 0x55;
    const ours = await writesDuring(() => shortLived(hotpath, 'createGunzip', undefined, bad));
    const theirs = await shortLived(node, 'createGunzip', undefined, bad);
    assert.equal(ours.pool, 0, `byte ${at}`);
    assert.deepEqual(ours.value.events, theirs.events, `byte ${at}`);
    assert.deepEqual(ours.value.output, theirs.output, `byte ${at}`);
  }
});

test('a stream destroyed right after a small write emits no data, as Node\'s', async () => {
  for (const zlib of [hotpath, node]) {
    const stream = zlib.createGzip();
    const events = [];
    stream.on('data', () => events.push('data'));
    stream.on('close', () => events.push('close'));
    stream.write(BODY, (error) => events.push(`callback:${error && error.code}`));
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(events.filter((e) => e === 'data'), [], zlib === node ? 'node' : 'hotpath');
    assert.ok(events.includes('close'));
  }
});
