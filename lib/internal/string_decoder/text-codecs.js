'use strict';

// hotpath extras: decode and encode any Node or WHATWG encoding, one-shot or as
// streams, with iconv-lite's names and options (`stripBOM`, default true; `addBOM`).

const { Transform } = require('node:stream');
const { native, requireNative } = require('../native.js');
const { invalidArgType } = require('../errors.js');
const { resolveEncoding } = require('../text/encodings.js');
const { StringDecoder } = require('../text/string-decoder.js');
const { stringErrorFromNative } = require('../text/decoder-state.js');
const { detectsByteOrder, detectUtf16ByteOrder, decodeUtf16, Utf16Decoder, DETECT_BYTES } = require('./utf16-byte-order.js');
const { keptBuffer } = require('../kept-buffer.js');

// One-shot WHATWG decoding writes into a per-thread buffer the addon keeps mapped
// (up to two bytes of it per input byte).
const decodeScratchUsed = native ? keptBuffer(() => native.whatwgReleaseDecodeScratch()) : () => {};

const BOM = 0xfeff;

/** Whether `label` names an encoding hotpath can decode and encode. */
function encodingExists(label) {
  if (typeof label !== 'string' || label === '') return false;
  try {
    resolveEncoding(label);
    return true;
  } catch {
    return false;
  }
}

function asBuffer(view) {
  return Buffer.isBuffer(view) ? view : Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * Whether a leading U+FEFF is a byte order mark to strip: iconv-lite strips it for its
 * Unicode codecs only (UTF-8, UTF-16 in either order); in gb18030, which can encode
 * U+FEFF, it is text.
 */
function stripsBom(resolved, options) {
  return (options == null || options.stripBOM !== false) && (resolved.name === 'utf8' || resolved.name === 'utf16le' || resolved.name === 'utf-16be');
}

function withoutBom(text, strip) {
  return strip && text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** iconv-lite's `decode(bytes, encoding[, { stripBOM, defaultEncoding }])`. */
function decode(bytes, encoding, options) {
  if (!ArrayBuffer.isView(bytes)) throw invalidArgType('bytes', ['Buffer', 'TypedArray', 'DataView'], bytes);
  const resolved = resolveEncoding(encoding);
  const strip = stripsBom(resolved, options);
  if (detectsByteOrder(encoding)) {
    const order = detectUtf16ByteOrder([bytes], options == null ? undefined : options.defaultEncoding);
    return withoutBom(decodeUtf16(bytes, order), strip);
  }
  // UTF-16BE as iconv-lite decodes it (its pairs read as UTF-16LE: lone surrogates kept,
  // an odd last byte dropped), not as WHATWG's decoder does (U+FFFD for both).
  if (resolved.name === 'utf-16be') return withoutBom(decodeUtf16(bytes, 'utf-16be'), strip);
  let text;
  try {
    if (resolved.whatwg) {
      text = requireNative('decode').whatwgDecode(bytes, resolved.whatwg);
      decodeScratchUsed(2 * bytes.byteLength);
    } else if (resolved.name === 'utf8' && native) text = native.decodeUtf8(bytes);
    else text = asBuffer(bytes).toString(resolved.name);
  } catch (error) {
    throw stringErrorFromNative(error);
  }
  return withoutBom(text, strip);
}

/** Whether output starts with a BOM: iconv-lite's 'utf-16' adds one unless told not to. */
function wantsBom(encoding, options) {
  const asked = options == null ? undefined : options.addBOM;
  return asked === undefined ? detectsByteOrder(encoding) : Boolean(asked);
}

/**
 * iconv-lite's `encode(text, encoding[, { addBOM }])`; unmappable characters become
 * '?'. Like iconv-lite it takes any value as text: its string form, '' for falsy ones.
 */
function encode(text, encoding, options) {
  // '' + value (not a template), so valueOf() wins over toString() as in iconv-lite.
  const string = typeof text === 'string' ? text : '' + (text || '');
  const resolved = resolveEncoding(encoding);
  const input = wantsBom(encoding, options) ? `\ufeff${string}` : string;
  if (!resolved.whatwg) return Buffer.from(input, resolved.name);
  if (resolved.whatwg === 'UTF-16BE') return Buffer.from(input, 'utf16le').swap16();
  return requireNative('encode').whatwgEncode(input, resolved.whatwg);
}

/** A Transform from bytes in `encoding` to strings. */
class DecodeStream extends Transform {
  constructor(encoding, options = {}) {
    requireNative('createDecodeStream');
    // 'utf-16' picks its byte order from the first bytes, so those wait (as in
    // iconv-lite) until there are enough of them or the input ends. Any other label
    // is checked here, before the stream exists.
    const resolved = resolveEncoding(encoding);
    let decoder = null;
    if (resolved.name === 'utf-16be') decoder = new Utf16Decoder('utf-16be'); // as decode() reads it
    else if (!detectsByteOrder(encoding)) decoder = new StringDecoder(encoding);
    super({ ...options, decodeStrings: true, encoding: 'utf8' });
    this.decoder = decoder;
    this.heldBytes = [];
    this.heldLength = 0;
    this.defaultEncoding = options.defaultEncoding;
    this.stripBOM = stripsBom(resolved, options);
  }

  /** The text of `chunk`, once the decoder is known; held bytes go first. */
  decodeChunk(chunk) {
    if (this.decoder !== null) return this.decoder.write(chunk);
    this.heldBytes.push(chunk);
    this.heldLength += chunk.length;
    if (this.heldLength < DETECT_BYTES) return '';
    return this.releaseHeldBytes();
  }

  releaseHeldBytes() {
    this.decoder = new Utf16Decoder(detectUtf16ByteOrder(this.heldBytes, this.defaultEncoding));
    const text = this.heldBytes.map((bytes) => this.decoder.write(bytes)).join('');
    this.heldBytes = [];
    return text;
  }

  pushText(text) {
    if (text.length === 0) return;
    if (this.stripBOM) {
      this.stripBOM = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
      if (text.length === 0) return;
    }
    this.push(text);
  }

  _transform(chunk, _encoding, callback) {
    try {
      this.pushText(this.decodeChunk(chunk));
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }

  _flush(callback) {
    try {
      const held = this.decoder === null ? this.releaseHeldBytes() : '';
      this.pushText(held + this.decoder.end());
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }
}

/** A Transform from strings to bytes in `encoding`. */
class EncodeStream extends Transform {
  constructor(encoding, options = {}) {
    requireNative('createEncodeStream');
    encode('', encoding); // validates the label up front
    super({ ...options, decodeStrings: false, readableObjectMode: false });
    this.targetEncoding = encoding;
    this.addBOM = wantsBom(encoding, options);
    this.pendingHighSurrogate = '';
  }

  _transform(chunk, _encoding, callback) {
    if (typeof chunk !== 'string') {
      callback(invalidArgType('chunk', 'string', chunk));
      return;
    }
    let text = this.pendingHighSurrogate + chunk;
    this.pendingHighSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      // Its low half may start the next chunk: encode the pair together.
      this.pendingHighSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    this.encodeAndPush(text, callback);
  }

  _flush(callback) {
    const rest = this.pendingHighSurrogate;
    this.pendingHighSurrogate = '';
    this.encodeAndPush(rest, callback);
  }

  encodeAndPush(text, callback) {
    let bytes;
    try {
      bytes = encode(text, this.targetEncoding, { addBOM: this.addBOM && text.length > 0 });
    } catch (error) {
      callback(error);
      return;
    }
    if (text.length > 0) this.addBOM = false;
    if (bytes.length > 0) this.push(bytes);
    callback();
  }
}

function createDecodeStream(encoding, options) {
  return new DecodeStream(encoding, options);
}

function createEncodeStream(encoding, options) {
  return new EncodeStream(encoding, options);
}

module.exports = { encodingExists, decode, encode, createDecodeStream, createEncodeStream };
