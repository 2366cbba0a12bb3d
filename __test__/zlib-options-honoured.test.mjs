// hotpath/zlib's one-shot compression honours every zlib option as Node's does, on
// whichever engine runs it (libdeflate or zlib-rs): windowBits, level, strategy, memLevel.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import node from 'node:zlib';
import { seededRandom } from './helpers/random.mjs';
import { sourceText, asyncName } from './helpers/zlib-inputs.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');
const { constants: C } = node;

/** The decoder that reads `compress`'s output with the same window, and no bigger. */
const SAME_WINDOW_DECODER = { gzipSync: 'gunzipSync', deflateSync: 'inflateSync', deflateRawSync: 'inflateRawSync' };

/** Text whose only repeats are `distance` bytes back: a small window cannot reach them. */
function repeatsAt(distance, length) {
  const unit = seededRandom(distance).bytes(distance).map((byte) => 97 + (byte % 26));
  return Buffer.concat(Array.from({ length: Math.ceil(length / distance) }, () => unit)).subarray(0, length);
}

async function bothForms(compress, input, options) {
  return [hotpath[compress](input, { ...options }), await promisify(hotpath[asyncName(compress)])(input, { ...options })];
}

test('one-shot compression honours windowBits: the output decodes with that window and no match reaches past it', async () => {
  const input = repeatsAt(4096, 200000);
  for (const compress of Object.keys(SAME_WINDOW_DECODER)) {
    for (const windowBits of [9, 11]) {
      for (const output of await bothForms(compress, input, { windowBits })) {
        const label = `${compress} windowBits ${windowBits}`;
        assert.deepEqual(node[SAME_WINDOW_DECODER[compress]](output, { windowBits }), input, label);
        // The repeats are 4 KiB back, out of reach: the text stays ~5 bits a byte.
        assert.ok(output.length > input.length / 2, `${label}: ${output.length} B`);
      }
    }
    const [wide] = await bothForms(compress, input, { windowBits: 13 });
    assert.ok(wide.length < input.length / 10, `${compress} windowBits 13 finds the repeats`);
  }
});

test('one-shot compression honours level: 0 stores, 1–9 give different outputs, as Node\'s do', async () => {
  const input = sourceText(300000);
  for (const compress of Object.keys(SAME_WINDOW_DECODER)) {
    for (const [index, output] of (await bothForms(compress, input, { level: 0 })).entries()) {
      assert.ok(output.length > input.length, `${compress} level 0 (${index ? 'async' : 'sync'}) stores`);
    }
    const sizes = new Set();
    for (let level = 1; level <= 9; level++) {
      const [sync, async_] = await bothForms(compress, input, { level });
      assert.equal(sync.length, async_.length, `${compress} L${level} sync and async agree`);
      sizes.add(sync.length);
    }
    const nodeSizes = new Set(Array.from({ length: 9 }, (_, i) => node[compress](input, { level: i + 1 }).length));
    assert.ok(sizes.size >= Math.min(4, nodeSizes.size), `${compress}: ${sizes.size} distinct sizes over levels 1–9`);
  }
});

test('one-shot compression honours strategy: Z_FIXED writes fixed-code blocks, Z_HUFFMAN_ONLY finds no matches', async () => {
  const input = sourceText(200000);
  for (const output of await bothForms('deflateRawSync', input, { strategy: C.Z_FIXED })) {
    assert.equal((output[0] >> 1) & 3, 1, 'first block is BTYPE 01 (fixed Huffman codes)');
    assert.deepEqual(node.inflateRawSync(output), input);
  }
  const [dynamic] = await bothForms('deflateRawSync', input, {});
  assert.equal((dynamic[0] >> 1) & 3, 2, 'the default writes dynamic-code blocks');
  const nodeHuffman = node.deflateRawSync(input, { strategy: C.Z_HUFFMAN_ONLY }).length;
  for (const output of await bothForms('deflateRawSync', input, { strategy: C.Z_HUFFMAN_ONLY })) {
    assert.ok(Math.abs(output.length / nodeHuffman - 1) < 0.02, `Huffman-only ${output.length} B vs Node's ${nodeHuffman} B`);
    assert.ok(output.length > dynamic.length * 1.5);
  }
  const nodeRle = node.deflateRawSync(input, { strategy: C.Z_RLE }).length;
  for (const output of await bothForms('deflateRawSync', input, { strategy: C.Z_RLE })) {
    assert.ok(Math.abs(output.length / nodeRle - 1) < 0.05, `RLE ${output.length} B vs Node's ${nodeRle} B`);
  }
});

test('one-shot compression honours memLevel where zlib-rs runs: memLevel 1 makes the output bigger, as in Node', async () => {
  const input = sourceText(300000);
  // Z_FILTERED and windowBits 14 are outside what libdeflate can honour: zlib-rs runs.
  for (const zlibRsOptions of [{ strategy: C.Z_FILTERED }, { windowBits: 14 }]) {
    for (const compress of Object.keys(SAME_WINDOW_DECODER)) {
      const label = `${compress} ${JSON.stringify(zlibRsOptions)}`;
      const [low, lowAsync] = await bothForms(compress, input, { ...zlibRsOptions, memLevel: 1 });
      const [high] = await bothForms(compress, input, { ...zlibRsOptions, memLevel: 9 });
      assert.equal(low.length, lowAsync.length, label);
      const nodeGrowth = node[compress](input, { ...zlibRsOptions, memLevel: 1 }).length / node[compress](input, { ...zlibRsOptions, memLevel: 9 }).length;
      const ourGrowth = low.length / high.length;
      assert.ok(nodeGrowth > 1.05, `${label}: node's memLevel 1 grows the output (${nodeGrowth})`);
      assert.ok(ourGrowth > 1 + (nodeGrowth - 1) / 2, `${label}: memLevel 1 / 9 = ${ourGrowth}, Node's ${nodeGrowth}`);
    }
  }
});

test('libdeflate\'s fixed-size state does not read memLevel: default-strategy output is the same for every memLevel', () => {
  const input = sourceText(300000);
  for (const compress of Object.keys(SAME_WINDOW_DECODER)) {
    const reference = hotpath[compress](input);
    for (const memLevel of [1, 5, 9]) assert.deepEqual(hotpath[compress](input, { memLevel }), reference, `${compress} memLevel ${memLevel}`);
  }
});

test('one-shot output starts with the header Node\'s zlib writes, for every level and strategy, on every engine', async () => {
  // Sizes that take zlib-rs (small), libdeflate (256 KiB) and parallel deflate (1 MiB, callback form).
  const header = { gzipSync: 10, deflateSync: 2 };
  for (const size of [100, 256 << 10, 1 << 20]) {
    const input = sourceText(size);
    for (const compress of Object.keys(header)) {
      for (let level = -1; level <= 9; level++) {
        for (const strategy of [C.Z_DEFAULT_STRATEGY, C.Z_FILTERED, C.Z_HUFFMAN_ONLY, C.Z_RLE, C.Z_FIXED]) {
          const expected = node[compress](input, { level, strategy }).subarray(0, header[compress]);
          for (const output of await bothForms(compress, input, { level, strategy })) {
            assert.deepEqual(output.subarray(0, header[compress]), expected, `${compress} ${size} B level ${level} strategy ${strategy}`);
          }
        }
      }
    }
  }
});
