'use strict';

// Writes each fuzz target's starting corpus: inputs laid out as the target reads
// them (control bytes first, then data), with data made here by Node's own zlib and
// encoders, so the fuzzer starts from valid streams and real text. Nothing is
// downloaded. Usage: node fuzz/seed-corpus.js <target> <dir>

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const crypto = require('node:crypto');

const text = (n) => Buffer.from('pack my box with five dozen liquor jugs.\r\n'.repeat(Math.ceil(n / 42)).slice(0, n));
/** `n` bytes that look random and are the same on every run. */
const random = (n, seed) =>
  Buffer.concat(
    Array.from({ length: Math.ceil(n / 32) }, (_, i) => crypto.createHash('sha256').update(`${seed}:${i}`).digest()),
  ).subarray(0, n);
const u16 = (n) => [(n >> 8) & 0xff, n & 0xff];
/** A length-prefixed piece as `Input::piece` reads it: one length byte, so at most 255. */
const piece = (bytes) => [Math.min(bytes.length, 255), ...bytes.slice(0, 255)];

/** `decoder_case`: windowBits slot 0 (from the header), chunkSize, no limit, room, pieces. */
const decoderCase = (chunk = 16384, room = 65536) => [0, ...u16(chunk - 64), 0, ...u16(room - 1), ...u16(3)];
const cuts = [7, 100, 1, 0, 250];

const plain = [text(100), text(5000), random(3000, 1), Buffer.concat([text(2000), random(500, 2)]), Buffer.alloc(0)];

const seeds = {
  inflate() {
    const out = [];
    const makers = [zlib.deflateSync, zlib.deflateRawSync, zlib.gzipSync, zlib.gzipSync];
    makers.forEach((make, mode) => {
      for (const data of plain) {
        out.push([mode, 1, ...decoderCase(), ...piece(cuts), ...Array(12).fill(0), ...make(data, { level: 6 })]);
        out.push([mode, 0, ...decoderCase(64, 100), ...piece(cuts), 1, 5, 0x55, ...Array(9).fill(0), ...data]);
      }
    });
    return out;
  },
  gunzip_members() {
    const members = [text(120), random(90, 3), Buffer.from('second member')];
    return [0, 1].flatMap((mode) => [Buffer.alloc(0), Buffer.from([0, 0, 0]), Buffer.from('garbage'), zlib.gzipSync(text(50))].map(
      (trailing) => [mode, ...decoderCase(), ...piece(cuts), 6, members.length, ...members.flatMap((m) => piece(m)), ...trailing],
    ));
  },
  brotli_decode() {
    return plain.flatMap((data) => [
      [1, ...decoderCase(), 5, 12, ...piece(cuts), ...Array(12).fill(0), ...zlib.brotliCompressSync(data)],
      [0, ...decoderCase(1024, 300), 5, 12, ...piece(cuts), 1, 9, 0x10, ...Array(9).fill(0), ...data],
    ]);
  },
  round_trip() {
    return [0, 1, 2, 3].flatMap((mode) => plain.map((data, i) => [
      mode, 7, 6, 8, i % 5, ...u16(1000), ...piece(i === 1 ? text(40) : []), 1, 5, 12, ...u16(2), ...piece(cuts), ...data,
    ]));
  },
  string_decoder() {
    const samples = [Buffer.from('héllo wörld € 𝄞 ok'), random(200, 4), Buffer.from('\ud83d\ude00 smile', 'utf16le'), text(300)];
    return [0, 1, 2, 3, 4, 5, 6].flatMap((encoding) => samples.map((data) => [encoding, 1, ...Array(7).fill(0), ...piece([1, 2, 3, 1, 1, 5]), ...data]));
  },
  legacy_codec() {
    const samples = [
      ['shift_jis', 'こんにちは、世界。テキスト'], ['gbk', '你好，世界。文字'], ['euc-kr', '안녕하세요 세계'],
      ['big5', '繁體中文測試'], ['windows-1252', 'café naïve – “quotes”'], ['iso-8859-7', 'Καλημέρα'],
    ];
    const out = [];
    for (let encoding = 0; encoding < 40; encoding++) {
      for (const [, words] of samples) out.push([encoding, ...piece([3, 1, 4]), ...piece(Buffer.from(words)), ...Buffer.from(words), ...random(64, encoding)]);
    }
    return out;
  },
  line_breaks() {
    const samples = [text(500), Buffer.from('a\rb\r\nc\nd\u2028e\u2029f\r'), Buffer.from('tail €'), Buffer.concat([Buffer.from('x\n'), Buffer.from([0xe2, 0x80])])];
    return [0, 1].flatMap((separators) => samples.map((data) => [separators, ...piece([1, 2, 3, 1, 1]), ...data]));
  },
  searcher() {
    const hay = Buffer.concat([text(400), Buffer.from('needle in a haystack, needle again: needleneedle')]);
    return ['needle', 'ee', 'a', 'jugs.\r\n'].map((needle) => [...piece(Buffer.from(needle)), 0, 10, 2, ...piece(Buffer.from('hay')), ...piece(Buffer.from('x')), ...piece(cuts), ...hay]);
  },
};

function main() {
  const [target, dir] = process.argv.slice(2);
  if (!seeds[target] || !dir) {
    console.error(`usage: node fuzz/seed-corpus.js <${Object.keys(seeds).join('|')}> <dir>`);
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  const inputs = seeds[target]();
  inputs.forEach((bytes, i) => fs.writeFileSync(path.join(dir, `seed-${String(i).padStart(3, '0')}`), Buffer.from(bytes)));
  console.log(`${target}: ${inputs.length} seeds in ${dir}`);
}

module.exports = { targets: Object.keys(seeds) };
if (require.main === module) main();
