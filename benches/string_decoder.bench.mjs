// string_decoder benchmarks: hotpath/string_decoder vs node:string_decoder, TextDecoder
// and iconv-lite, same inputs, one process. Chunked decoders pass every decoded piece
// to keep(): the check compares the whole decoded text (pieces may end at different
// places), the timed run adds up lengths.

import { createRequire } from 'node:module';
import { StringDecoder as NodeDecoder } from 'node:string_decoder';
import { englishText, japaneseText, translatedText, chunksOf } from './corpus.mjs';
import { keep } from './same-result.mjs';

const require = createRequire(import.meta.url);
// Who decodes UTF-8 on this Node (lib/internal/text/string-decoder.js), for the note.
const { UTF8_WRITER } = require('../lib/internal/text/string-decoder.js');
const UTF8_NOTES = {
  addon: 'non-ASCII UTF-8 in the addon (simdutf)',
  js: "edges in JS, the rest Node's utf8Slice (simdutf)",
  node: "Node's own StringDecoder on this version, on hotpath's state",
};
const hotpath = require('hotpath/string_decoder');
const iconv = require('iconv-lite');

function decodeChunks(decoder, chunks) {
  let length = 0;
  for (const chunk of chunks) length += keep(decoder.write(chunk)).length;
  return length + keep(decoder.end()).length;
}

function textDecoderChunks(label, chunks) {
  const decoder = new TextDecoder(label);
  let length = 0;
  for (const chunk of chunks) length += keep(decoder.decode(chunk, { stream: true })).length;
  return length + keep(decoder.decode()).length;
}

function utf8Case(name, bytes, chunkSize) {
  const chunks = chunksOf(bytes, chunkSize);
  return {
    name: `utf8 write(), ${chunkSize >= 1024 ? `${chunkSize / 1024} KiB` : `${chunkSize} B`} chunks, ${name}`,
    bytes: bytes.length,
    builtin: () => decodeChunks(new NodeDecoder('utf8'), chunks),
    hotpath: () => decodeChunks(new hotpath.StringDecoder('utf8'), chunks),
    peers: { TextDecoder: () => textDecoderChunks('utf-8', chunks) },
    emits: true,
    result: (pieces) => pieces.join(''),
    expected: bytes.toString('utf8'),
    note: UTF8_NOTES[UTF8_WRITER],
  };
}

function legacyDecodeCase(label, text, bytes) {
  const encoded = iconv.encode(text, label);
  const input = Buffer.concat(Array.from({ length: Math.ceil(bytes / encoded.length) }, () => encoded));
  return {
    name: `${label} decode`,
    bytes: input.length,
    builtinName: 'TextDecoder',
    // stream: true, because Node 20's one-call windows-1252 decode reads the bytes as
    // latin1 (0x80–0x9F come out as C1 controls); its streaming path and Node 22+ are right.
    builtin: () => new TextDecoder(label).decode(input, { stream: true }),
    hotpath: () => hotpath.decode(input, label, { stripBOM: false }),
    peers: { 'iconv-lite': () => iconv.decode(input, label, { stripBOM: false }) },
  };
}

function legacyEncodeCase(label, text, bytes) {
  const input = text.repeat(Math.ceil(bytes / Buffer.byteLength(text)));
  return {
    name: `${label} encode`,
    bytes: Buffer.byteLength(input),
    builtinName: 'iconv-lite',
    builtin: () => iconv.encode(input, label),
    hotpath: () => hotpath.encode(input, label),
  };
}

export default {
  module: 'string_decoder',
  cases() {
    const english = englishText(16 << 20);
    const japanese = japaneseText(16 << 20);
    const western = `${translatedText('fr')}\n${translatedText('de')}\n${translatedText('es')}`;
    return [
      utf8Case('ASCII-heavy text', english, 64 << 10),
      utf8Case('Japanese text', japanese, 64 << 10),
      utf8Case('ASCII-heavy text', english.subarray(0, 4 << 20), 1024),
      utf8Case('Japanese text', japanese.subarray(0, 4 << 20), 1024),
      legacyDecodeCase('shift_jis', translatedText('ja'), 16 << 20),
      legacyDecodeCase('gbk', translatedText('zh-cn'), 16 << 20),
      legacyDecodeCase('windows-1252', western, 16 << 20),
      legacyEncodeCase('shift_jis', translatedText('ja'), 16 << 20),
    ];
  },
};
