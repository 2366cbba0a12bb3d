// The JS↔Rust contract: every id, flag and typed-array slot is written once, in Rust,
// exported by the addon, and read from there by the faces. These tests check that the
// exported numbers are Node's where Node has them, that each layout is consistent,
// and that the faces fill the slots the addon reads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';

const require = createRequire(import.meta.url);
const native = require('../binding.js');
const { parseOptions } = require('../lib/internal/zlib/options.js');
const { NAMES, OUTPUT_LENGTH } = require('../lib/internal/crypto/algorithms.js');
const { NODE_ENCODING_IDS } = require('../lib/internal/text/encodings.js');
const { BREAK_RULES } = require('../lib/internal/readline/version-rules.js');

const NODE_ENCODINGS = ['ascii', 'utf8', 'base64', 'utf16le', 'latin1', 'hex', 'base64url'];

/** The state Buffer Node's own StringDecoder keeps. */
function nodeDecoderState(decoder) {
  const symbol = Object.getOwnPropertySymbols(decoder).find((s) => s.description === 'kNativeDecoder');
  return decoder[symbol];
}

function assertSlotsFill(slots, length) {
  const values = Object.values(slots).sort((a, b) => a - b);
  assert.deepEqual(values, [...Array(length).keys()]);
}

test('ZlibMode numbers are node:zlib\'s mode constants', () => {
  const { constants } = zlib;
  assert.deepEqual(native.ZlibMode, {
    Deflate: constants.DEFLATE,
    Inflate: constants.INFLATE,
    Gzip: constants.GZIP,
    Gunzip: constants.GUNZIP,
    DeflateRaw: constants.DEFLATERAW,
    InflateRaw: constants.INFLATERAW,
    Unzip: constants.UNZIP,
    BrotliDecode: constants.BROTLI_DECODE,
    BrotliEncode: constants.BROTLI_ENCODE,
  });
});

test('NodeEncoding ids are the ones Node\'s own StringDecoder stores in its state', () => {
  for (const name of NODE_ENCODINGS) {
    const state = nodeDecoderState(new StringDecoder(name));
    assert.equal(NODE_ENCODING_IDS[name], state[native.DecoderStateSlot.Encoding], name);
  }
  assert.equal(Object.keys(native.NodeEncoding).length, NODE_ENCODINGS.length);
});

test('the decoder state has the length and slots of Node\'s StringDecoder state', () => {
  const decoder = new StringDecoder('utf8');
  decoder.write(Buffer.from([0xf0, 0x9f]));
  const state = nodeDecoderState(decoder);
  assert.equal(state.length, native.DECODER_STATE_LENGTH);
  assert.equal(state[native.DecoderStateSlot.MissingBytes], decoder.lastNeed);
  assert.equal(state[native.DecoderStateSlot.BufferedBytes], decoder.lastTotal - decoder.lastNeed);
});

test('a decoder of a WHATWG encoding Node lacks marks its state with the addon\'s id, which no Node encoding has', () => {
  const hotpathDecoder = new (require('../lib/string_decoder.js').StringDecoder)('gbk');
  const state = nodeDecoderState(hotpathDecoder);
  assert.equal(state[native.DecoderStateSlot.Encoding], native.DECODER_STATE_WHATWG_ENCODING);
  assert.ok(!Object.values(native.NodeEncoding).includes(native.DECODER_STATE_WHATWG_ENCODING));
  const refusal = new RegExp(`unknown encoding id ${native.DECODER_STATE_WHATWG_ENCODING} in decoder state`);
  assert.throws(() => native.decoderWrite(state, Buffer.from('a')), refusal);
});

test('the zlib settings slots fill ZLIB_SETTINGS_LENGTH, one number each', () => {
  assertSlotsFill(native.ZlibSetting, native.ZLIB_SETTINGS_LENGTH);
});

test('the zlib write-state slots fill ZLIB_WRITE_STATE_LENGTH, one number each', () => {
  assertSlotsFill(native.ZlibWriteSlot, native.ZLIB_WRITE_STATE_LENGTH);
});

test('each flag of a flag set is its own bit', () => {
  for (const flags of [native.ZlibWriteFlag, native.ZlibSettingFlag]) {
    let seen = 0;
    for (const bit of Object.values(flags)) {
      assert.equal(bit & (bit - 1), 0, `${bit} is one bit`);
      assert.equal(seen & bit, 0, `${bit} is not reused`);
      seen |= bit;
    }
  }
});

test('the parsed zlib options land in the slots the addon names', () => {
  const { Z_SYNC_FLUSH, Z_HUFFMAN_ONLY, GZIP } = zlib.constants;
  const options = { level: 3, windowBits: 12, memLevel: 5, strategy: Z_HUFFMAN_ONLY, chunkSize: 4096, finishFlush: Z_SYNC_FLUSH };
  const { settings } = parseOptions(options, GZIP);
  const slot = native.ZlibSetting;
  assert.equal(settings.length, native.ZLIB_SETTINGS_LENGTH);
  assert.deepEqual(
    [slot.Mode, slot.Level, slot.WindowBits, slot.MemLevel, slot.Strategy, slot.ChunkSize, slot.FinishFlush].map((s) => settings[s]),
    [GZIP, 3, 12, 5, Z_HUFFMAN_ONLY, 4096, Z_SYNC_FLUSH],
  );
  assert.equal(settings[slot.Flags], 0);
});

test('settings of the wrong length are refused by the addon', () => {
  assert.throws(() => native.zlibProcessSync(new Int32Array(3), null, Buffer.from('x'), 100, false), {
    message: `zlib settings must hold ${native.ZLIB_SETTINGS_LENGTH} numbers`,
  });
});

test('every DigestAlgorithm id has Node\'s names and Node\'s digest length', () => {
  for (const id of Object.values(native.DigestAlgorithm)) {
    const name = NAMES[id][0];
    assert.equal(OUTPUT_LENGTH[id], crypto.createHash(name).digest().length, name);
  }
  assert.equal(Object.keys(NAMES).length, Object.keys(native.DigestAlgorithm).length);
});

test('DIGEST_AS_BUFFER is no Node encoding id', () => {
  assert.ok(!Object.values(native.NodeEncoding).includes(native.DIGEST_AS_BUFFER));
});

test('the readline faces name every LineBreakRule', () => {
  assert.deepEqual(Object.values(BREAK_RULES).sort(), Object.values(native.LineBreakRule).sort());
});

test('binding.d.ts declares every contract the faces read', () => {
  const types = readFileSync(new URL('../binding.d.ts', import.meta.url), 'utf8');
  const enums = ['ZlibMode', 'ZlibSetting', 'ZlibSettingFlag', 'ZlibWriteSlot', 'ZlibWriteFlag', 'NodeEncoding',
    'DecoderStateSlot', 'DigestAlgorithm', 'LineBreakRule'];
  for (const name of enums) assert.match(types, new RegExp(`export declare const enum ${name} \\{`), name);
  for (const name of ['ZLIB_SETTINGS_LENGTH', 'ZLIB_WRITE_STATE_LENGTH', 'DECODER_STATE_LENGTH', 'DECODER_STATE_WHATWG_ENCODING',
    'DIGEST_AS_BUFFER']) {
    assert.match(types, new RegExp(`export declare const ${name}: number`), name);
  }
});
