// string_decoder benchmarks: hotpath/string_decoder vs node:string_decoder, TextDecoder
// and iconv-lite, same inputs, one process.

import { createRequire } from 'node:module';
import { StringDecoder as NodeDecoder } from 'node:string_decoder';
import { englishText, japaneseText, translatedText, chunksOf } from './corpus.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/string_decoder');
const iconv = require('iconv-lite');

function decodeChunks(decoder, chunks) {
  let length = 0;
  for (const chunk of chunks) length += decoder.write(chunk).length;
  return length + decoder.end().length;
}

function textDecoderChunks(label, chunks) {
  const decoder = new TextDecoder(label);
  let length = 0;
  for (const chunk of chunks) length += decoder.decode(chunk, { stream: true }).length;
  return length + decoder.decode().length;
}

function utf8Case(name, bytes, chunkSize) {
  const chunks = chunksOf(bytes, chunkSize);
  return {
    name: `utf8 write(), ${chunkSize >= 1024 ? `${chunkSize / 1024} KiB` : `${chunkSize} B`} chunks, ${name}`,
    bytes: bytes.length,
    builtin: () => decodeChunks(new NodeDecoder('utf8'), chunks),
    hotpath: () => decodeChunks(new hotpath.StringDecoder('utf8'), chunks),
    peers: { TextDecoder: () => textDecoderChunks('utf-8', chunks) },
  };
}

function legacyDecodeCase(label, text, bytes) {
  const encoded = iconv.encode(text, label);
  const input = Buffer.concat(Array.from({ length: Math.ceil(bytes / encoded.length) }, () => encoded));
  return {
    name: `${label} decode`,
    bytes: input.length,
    builtinName: 'TextDecoder',
    builtin: () => new TextDecoder(label).decode(input, { stream: true }) + new TextDecoder(label).decode(),
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
