import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import node from 'node:zlib';
import { seededRandom, randomText } from './helpers/random.mjs';
import { assertSameError } from './helpers/errors.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');

test('crc32 of "hello" is 907060870', () => {
  assert.equal(hotpath.crc32('hello'), 907060870);
});

// Node 20 returns 0 instead when an empty view has no backing store (zlib's crc32()
// sees a NULL pointer): `zlib.crc32(new DataView(new ArrayBuffer(0)), 5)` is 0 there.
// hotpath always continues the CRC over zero bytes, which leaves it unchanged.
test('crc32 of empty input gives what the running node:zlib gives, whatever backs the view', () => {
  // Node 20 and 22 answer 0 for a view of an ArrayBuffer without a backing store;
  // 24+ the start value. The face follows the Node it runs on.
  const cases = [
    ['empty string', () => '', undefined],
    ['empty string, start 5', () => '', 5],
    ['empty Buffer', () => Buffer.alloc(0), 123],
    ['empty Uint8Array', () => new Uint8Array(0), 4294967295],
    ['DataView of an empty ArrayBuffer', () => new DataView(new ArrayBuffer(0)), 5],
    ['empty subarray of a Buffer', () => Buffer.alloc(16).subarray(4, 4), 9],
    ['empty Float64Array', () => new Float64Array(0), 77],
  ];
  for (const [label, make, value] of cases) {
    assert.equal(hotpath.crc32(make(), value), node.crc32(make(), value), label);
  }
});

test('crc32 matches node:zlib on random buffers, sizes and starting values', () => {
  const random = seededRandom(1);
  for (let i = 0; i < 2000; i++) {
    const data = random.bytes(random.pick([1, 7, 15, 16, 17, 63, 64, 65, 255, random.int(0, 70000)]));
    const value = random.pick([0, 1, 4294967295, random.int(0, 4294967295)]);
    assert.equal(hotpath.crc32(data, value), node.crc32(data, value), `length ${data.length}, value ${value}`);
  }
});

test('crc32 hashes strings as their UTF-8 bytes, lone surrogates as U+FFFD', () => {
  const random = seededRandom(2);
  for (let i = 0; i < 1000; i++) {
    const text = randomText(random, random.int(0, 300));
    const value = random.int(0, 4294967295);
    assert.equal(hotpath.crc32(text, value), node.crc32(text, value), JSON.stringify(text));
  }
});

test('crc32 reads the bytes of every TypedArray kind and of DataViews', () => {
  const random = seededRandom(3);
  const bytes = random.bytes(4096);
  const kinds = [
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
    Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  ];
  for (const Kind of kinds) {
    for (const offset of [0, 8, 16]) {
      const view = new Kind(bytes.buffer.slice(0), bytes.byteOffset + offset, 32);
      assert.equal(hotpath.crc32(view), node.crc32(view), `${Kind.name} at ${offset}`);
    }
  }
  const dataView = new DataView(bytes.buffer, bytes.byteOffset + 3, 1000);
  assert.equal(hotpath.crc32(dataView, 77), node.crc32(dataView, 77));
});

test('crc32 reads views over a SharedArrayBuffer', () => {
  const shared = new SharedArrayBuffer(1 << 16);
  seededRandom(4).bytes(1 << 16).copy(new Uint8Array(shared));
  const view = new Uint8Array(shared, 100, 50000);
  assert.equal(hotpath.crc32(view), node.crc32(view));
  assert.equal(hotpath.crc32(new DataView(shared, 1)), node.crc32(new DataView(shared, 1)));
});

test('crc32 matches node:zlib on both sides of the JS / native size boundary', () => {
  const random = seededRandom(6);
  for (let length = 0; length <= 200; length++) {
    const bytes = random.bytes(length);
    const value = random.int(0, 4294967295);
    if (length > 0) assert.equal(hotpath.crc32(bytes, value), node.crc32(bytes, value), `${length} bytes`);
    for (const unit of ['a', 'é', '€', '😀', '\udc00']) {
      const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      assert.equal(hotpath.crc32(text, value), node.crc32(text, value), `${length} units of ${JSON.stringify(unit)}`);
    }
  }
});

test('crc32 continued over pieces equals crc32 of the whole', () => {
  const random = seededRandom(5);
  const data = random.bytes(100000);
  for (let i = 0; i < 50; i++) {
    const cut = random.int(0, data.length);
    const head = hotpath.crc32(data.subarray(0, cut));
    assert.equal(hotpath.crc32(data.subarray(cut), head), hotpath.crc32(data));
  }
});

test('crc32 matches node:zlib on a 64 MiB buffer', () => {
  const data = Buffer.alloc(64 << 20);
  for (let i = 0; i < data.length; i += 4093) data[i] = i & 0xff;
  assert.equal(hotpath.crc32(data, 99), node.crc32(data, 99));
});

test('crc32 rejects bad arguments with the errors node:zlib throws', () => {
  const badData = [undefined, null, 1, 1n, true, {}, [], Symbol('s'), () => {}, new ArrayBuffer(4), new SharedArrayBuffer(4)];
  for (const data of badData) {
    assertSameError(() => hotpath.crc32(data), () => node.crc32(data), `data ${String(typeof data)}`);
  }
  const badValues = [-1, 4294967296, 2 ** 40, 1.5, NaN, Infinity, -0.5, '1', null, 1n, {}];
  for (const value of badValues) {
    for (const data of ['x', Buffer.from('x')]) {
      assertSameError(() => hotpath.crc32(data, value), () => node.crc32(data, value), `value ${String(value)}`);
    }
  }
});

test('crc32 checks the data argument before the value argument', () => {
  assertSameError(() => hotpath.crc32({}, -1), () => node.crc32({}, -1), 'both bad');
});

test('crc32 treats an explicit undefined value as 0', () => {
  assert.equal(hotpath.crc32('abc', undefined), node.crc32('abc', undefined));
});

test('*Many with a window under 32 KiB answer as *Sync does (Node\'s engine), not with a 32 KiB window', async () => {
  // Found by the differential fuzz: gunzipMany decoded with zlib-rs's 32 KiB window what
  // gunzipSync (Node's engine, windowBits 12) refuses as "invalid distance too far back".
  const far = Buffer.concat([Buffer.from('a far-away phrase '), Buffer.alloc(20000, 'z'), Buffer.from('a far-away phrase ')]);
  const packed = node.gzipSync(far);
  const sync = (() => { try { return node.gunzipSync(packed, { windowBits: 12 }); } catch (error) { return error; } })();
  assert.equal(sync.message, 'invalid distance too far back');
  await assert.rejects(hotpath.gunzipMany([packed], { windowBits: 12 }), { code: sync.code, message: sync.message });
  assert.deepEqual(await hotpath.gunzipMany([node.gzipSync('near')], { windowBits: 12 }), [Buffer.from('near')]);
});
