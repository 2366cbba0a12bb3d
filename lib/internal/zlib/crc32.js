'use strict';

// CRC-32 of short inputs without leaving JS. One napi call costs ~100-150 ns before any
// work, and turning a JS string into UTF-8 through napi costs more than that, while a
// table-driven loop finishes a few hundred bytes in that time. lib/zlib.js sends short
// inputs here and everything else to the native engine.

const { forRunningNode } = require('../measured.js');

const POLYNOMIAL = 0xedb88320;

// Slicing-by-4 tables: TABLES[k * 256 + b] is the CRC of byte b followed by k zero bytes.
const TABLES = new Int32Array(4 * 256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? POLYNOMIAL ^ (crc >>> 1) : crc >>> 1;
  TABLES[byte] = crc;
}
for (let byte = 0; byte < 256; byte++) {
  for (let k = 1; k < 4; k++) {
    const previous = TABLES[(k - 1) * 256 + byte];
    TABLES[k * 256 + byte] = (previous >>> 8) ^ TABLES[previous & 0xff];
  }
}

/** Continues the CRC-32 `previous` over the bytes of a Uint8Array. */
function crc32OfBytes(bytes, previous) {
  let crc = ~previous;
  const length = bytes.length;
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    crc ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    crc =
      TABLES[768 + (crc & 0xff)] ^
      TABLES[512 + ((crc >>> 8) & 0xff)] ^
      TABLES[256 + ((crc >>> 16) & 0xff)] ^
      TABLES[crc >>> 24];
  }
  for (; i < length; i++) crc = TABLES[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/**
 * Continues the CRC-32 `previous` over the UTF-8 encoding of `text`, encoding on the
 * fly as Buffer.from(text, 'utf8') would: a lone surrogate becomes U+FFFD.
 */
function crc32OfString(text, previous) {
  let crc = ~previous;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      crc = TABLES[(crc ^ code) & 0xff] ^ (crc >>> 8);
      continue;
    }
    if (code < 0x800) {
      crc = TABLES[(crc ^ (0xc0 | (code >>> 6))) & 0xff] ^ (crc >>> 8);
      crc = TABLES[(crc ^ (0x80 | (code & 0x3f))) & 0xff] ^ (crc >>> 8);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        crc = TABLES[(crc ^ (0xf0 | (code >>> 18))) & 0xff] ^ (crc >>> 8);
        crc = TABLES[(crc ^ (0x80 | ((code >>> 12) & 0x3f))) & 0xff] ^ (crc >>> 8);
        crc = TABLES[(crc ^ (0x80 | ((code >>> 6) & 0x3f))) & 0xff] ^ (crc >>> 8);
        crc = TABLES[(crc ^ (0x80 | (code & 0x3f))) & 0xff] ^ (crc >>> 8);
        continue;
      }
      code = 0xfffd;
    }
    crc = TABLES[(crc ^ (0xe0 | (code >>> 12))) & 0xff] ^ (crc >>> 8);
    crc = TABLES[(crc ^ (0x80 | ((code >>> 6) & 0x3f))) & 0xff] ^ (crc >>> 8);
    crc = TABLES[(crc ^ (0x80 | (code & 0x3f))) & 0xff] ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}

/**
 * zlib.crc32 of a string, by the fastest way on the running Node. Up to 32 characters
 * the JS loop above wins everywhere (1.4–2.1× Node). Past that, Node 20 and 22 turn a
 * string into UTF-8 slowly, and the addon's own conversion wins (1.1–3.3×). Node 24
 * and 26 convert with simdutf: there the addon's conversion loses on non-ASCII text
 * (0.4–0.9×), Node's own crc32 is fastest up to ~800 characters, and past that
 * writing the UTF-8 into a kept buffer with Node's utf8Write and taking the CRC of
 * those bytes natively wins (1.3–3.2×, 1,000–16,000 characters of mixed text). Long
 * strings, which would grow that buffer without bound, go to Node's crc32.
 */
function makeStringCrc32(native, builtinCrc32) {
  const plan = forRunningNode({
    20: { nodeBelow: 0, viaBytesUpTo: 0 },
    24: { nodeBelow: 800, viaBytesUpTo: 65536 },
  });
  let scratch = null;
  const viaBytes = (text, value) => {
    const needed = 3 * text.length;
    if (scratch === null || scratch.length < needed) scratch = Buffer.allocUnsafe(Math.max(needed, 4096));
    const length = scratch.utf8Write(text, 0);
    return native.crc32Bytes(scratch.subarray(0, length), value);
  };
  return function stringCrc32(text, value) {
    const length = text.length;
    if (length <= 32) return crc32OfString(text, value);
    if (plan.viaBytesUpTo === 0) return native.crc32String(text, value);
    if (length < plan.nodeBelow || length > plan.viaBytesUpTo) return builtinCrc32(text, value);
    return viaBytes(text, value);
  };
}

module.exports = { crc32OfBytes, makeStringCrc32 };
