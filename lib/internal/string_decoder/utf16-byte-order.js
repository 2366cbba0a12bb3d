'use strict';

// iconv-lite's 'utf-16': which byte order a text has, decided as iconv-lite decides
// it — a byte order mark first (FE FF big-endian, FF FE little-endian, as the WHATWG
// decode algorithm also sniffs); without one, whichever order makes more of the first
// 100 characters ASCII; little-endian (or the caller's default) when that does not
// settle it. Then both orders decode as Node's utf16le does (lone surrogates kept, an
// odd last byte dropped), not as the WHATWG UTF-16BE decoder (which writes U+FFFD).

const { StringDecoder } = require('node:string_decoder');

const SAMPLE_CHARACTERS = 100;
// iconv-lite's streams wait for this many bytes before they decide.
const DETECT_BYTES = 16;

/** Whether `label` is the one that asks for detection ('utf-16', any case). */
function detectsByteOrder(label) {
  return typeof label === 'string' && label.trim().toLowerCase() === 'utf-16';
}

/** 'utf16le' or 'utf-16be' for the bytes in `views` (read in order). */
function detectUtf16ByteOrder(views, defaultEncoding) {
  let first = -1;
  let characters = 0;
  let asciiIfLittle = 0;
  let asciiIfBig = 0;
  for (const view of views) {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length && characters < SAMPLE_CHARACTERS; i++) {
      if (first < 0) {
        first = bytes[i];
        continue;
      }
      const second = bytes[i];
      if (characters === 0 && first === 0xff && second === 0xfe) return 'utf16le';
      if (characters === 0 && first === 0xfe && second === 0xff) return 'utf-16be';
      if (first === 0 && second !== 0) asciiIfBig++;
      if (first !== 0 && second === 0) asciiIfLittle++;
      first = -1;
      characters++;
    }
  }
  if (asciiIfBig > asciiIfLittle) return 'utf-16be';
  if (asciiIfBig < asciiIfLittle) return 'utf16le';
  return defaultEncoding || 'utf16le';
}

const isBigEndian = (label) => typeof label === 'string' && label.toLowerCase().replace(/[^a-z0-9]/g, '') === 'utf16be';

/** The text of whole `bytes` in the byte order detected for them. */
function decodeUtf16(bytes, order) {
  const even = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength & ~1);
  return isBigEndian(order) ? Buffer.from(even).swap16().toString('utf16le') : even.toString('utf16le');
}

/** A streaming decoder for one byte order: Node's utf16le decoder, fed swapped pairs for BE. */
class Utf16Decoder {
  constructor(order) {
    this.swap = isBigEndian(order);
    this.decoder = new StringDecoder('utf16le');
    this.oddByte = -1;
  }

  write(view) {
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    if (!this.swap) return this.decoder.write(bytes);
    // One copy either way: swap16() works in place and the caller's bytes stay as they are.
    const pairs = this.oddByte >= 0 ? Buffer.concat([Buffer.of(this.oddByte), bytes]) : Buffer.from(bytes);
    const even = pairs.length & ~1;
    this.oddByte = even < pairs.length ? pairs[even] : -1;
    return this.decoder.write(pairs.subarray(0, even).swap16());
  }

  end() {
    this.oddByte = -1;
    return this.decoder.end();
  }
}

module.exports = { detectsByteOrder, detectUtf16ByteOrder, decodeUtf16, Utf16Decoder, DETECT_BYTES };
