import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { seededRandom, randomPieces, randomText } from './helpers/random.mjs';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const hotpath = require('hotpath/string_decoder');
const { StringDecoder, decode, encode, encodingExists, createDecodeStream, createEncodeStream } = hotpath;

// Text each encoding can represent, and the encodings that carry it.
const SAMPLES = [
  { text: 'ASCII, 日本語のテキスト、カタカナ ｶﾀｶﾅ ①', encodings: ['shift_jis', 'euc-jp'] },
  { text: 'ASCII 中文简体字符 汉字 “引号”', encodings: ['gbk', 'gb18030'] },
  { text: 'ASCII 中文繁體字 漢字', encodings: ['big5'] },
  { text: 'ASCII 한국어 텍스트', encodings: ['euc-kr'] },
  { text: 'Привет, мир! Ёё', encodings: ['windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866'] },
  { text: 'Zażółć gęślą jaźń', encodings: ['windows-1250', 'iso-8859-2'] },
  { text: 'Café crème “€” – Œuvre', encodings: ['windows-1252'] },
  { text: 'Café crème € Œuvre Ÿ', encodings: ['iso-8859-15'] },
  // iconv-lite's macintosh is the pre-1998 Mac Roman (0xDB is ¤, not €); leave € out.
  { text: 'Café crème “” – Œuvre', encodings: ['macintosh'] },
  { text: 'Ελληνικά', encodings: ['windows-1253', 'iso-8859-7'] },
  { text: 'Türkçe ğüşöçİı', encodings: ['windows-1254', 'iso-8859-9'] },
  { text: 'עברית', encodings: ['windows-1255'] },
  { text: 'العربية', encodings: ['windows-1256'] },
  { text: 'Lietuvių ąčęėįšųūž', encodings: ['windows-1257', 'iso-8859-13'] },
  { text: 'Tiê\u0301ng Viê\u0323t', encodings: ['windows-1258'] }, // combining marks, as 1258 spells it
  { text: 'ภาษาไทย', encodings: ['windows-874'] },
  { text: 'wide 😀 𤭢 and BMP 日本', encodings: ['utf-16be', 'gb18030'] },
];

function* sampleCases() {
  for (const { text, encodings } of SAMPLES) for (const encoding of encodings) yield { text, encoding };
}

test('legacy text decodes as iconv-lite decodes it', () => {
  for (const { text, encoding } of sampleCases()) {
    const bytes = iconv.encode(text, encoding);
    assert.equal(decode(bytes, encoding), iconv.decode(bytes, encoding), encoding);
    assert.equal(decode(bytes, encoding), text, encoding);
  }
});

test('legacy text encodes as iconv-lite encodes it', () => {
  for (const { text, encoding } of sampleCases()) {
    assert.deepEqual(encode(text, encoding), iconv.encode(text, encoding), encoding);
  }
});

test('unmappable characters encode to ? as in iconv-lite', () => {
  for (const encoding of ['windows-1252', 'koi8-r', 'shift_jis', 'euc-kr', 'big5']) {
    const text = 'a€ж日한😀b';
    assert.deepEqual(encode(text, encoding), iconv.encode(text, encoding), encoding);
  }
});

test('a StringDecoder for a legacy encoding decodes any split of the input like one pass', () => {
  for (const { text, encoding } of sampleCases()) {
    const bytes = iconv.encode(text, encoding);
    for (let a = 0; a <= bytes.length; a++) {
      for (const b of [a, Math.min(bytes.length, a + 1), Math.min(bytes.length, a + 3)]) {
        const decoder = new StringDecoder(encoding);
        const out = decoder.write(bytes.subarray(0, a)) + decoder.write(bytes.subarray(a, b)) + decoder.end(bytes.subarray(b));
        assert.equal(out, text, `${encoding} cut at ${a}, ${b}`);
      }
    }
  }
});

// Where Node's ICU departs from the WHATWG Encoding Standard, hotpath follows the
// standard (encoding_rs): ICU maps these bytes differently.
const ICU_DEPARTS_FROM_WHATWG = {
  'windows-1253': [0xaa], // WHATWG: unmapped; ICU: U+00AA
  'windows-1255': [0xca], // WHATWG: U+05BA; ICU: unmapped
  'windows-874': [0xdb, 0xdc, 0xdd, 0xde, 0xfc, 0xfd, 0xfe, 0xff], // ICU: private-use code points
  'koi8-u': [0xae, 0xbe], // WHATWG's koi8-u is KOI8-RU (ў, Ў)
  ibm866: [0x1a, 0x1c, 0x7f], // ICU swaps these control codes
};

test('every byte of the single-byte encodings decodes as ICU TextDecoder streams it, except where ICU departs from WHATWG', () => {
  const encodings = [
    'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255',
    'windows-1256', 'windows-1257', 'windows-1258', 'windows-874', 'iso-8859-2', 'iso-8859-3',
    'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-10', 'iso-8859-13',
    'iso-8859-14', 'iso-8859-15', 'koi8-r', 'koi8-u', 'macintosh', 'x-mac-cyrillic', 'ibm866',
  ];
  for (const encoding of encodings) {
    const skip = new Set(ICU_DEPARTS_FROM_WHATWG[encoding] || []);
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, b) => b).filter((b) => !skip.has(b)));
    const expected = new TextDecoder(encoding).decode(bytes, { stream: true });
    assert.equal(decode(bytes, encoding, { stripBOM: false }), expected, encoding);
  }
});

test('where ICU departs from WHATWG, hotpath gives the WHATWG mapping', () => {
  assert.equal(decode(Buffer.from([0xca]), 'windows-1255'), '\u05ba');
  assert.equal(decode(Buffer.from([0xaa]), 'windows-1253'), '\ufffd');
  assert.equal(decode(Buffer.from([0xae, 0xbe]), 'koi8-u'), 'ўЎ');
  assert.equal(decode(Buffer.from([0xa4]), 'iso-8859-16'), '€');
});

test('windows-1252 maps 0x80 to the euro sign (Node 20\'s one-shot TextDecoder does not)', () => {
  assert.equal(decode(Buffer.from([0x80, 0x9f]), 'windows-1252'), '€Ÿ');
  assert.equal(new StringDecoder('cp1252').end(Buffer.from([0x80])), '€');
});

test('a truncated multibyte character at the end becomes U+FFFD', () => {
  const bytes = iconv.encode('日本', 'shift_jis').subarray(0, 3);
  assert.equal(decode(bytes, 'shift_jis'), '日\ufffd');
  const decoder = new StringDecoder('shift_jis');
  assert.equal(decoder.write(bytes), '日');
  assert.equal(decoder.end(), '\ufffd');
  assert.equal(decoder.write(iconv.encode('語', 'shift_jis')), '語', 'reusable after end()');
});

/** Encoders outside hotpath for the Unicode encodings: Node's Buffer and iconv-lite. */
const OUTSIDE_ENCODE = {
  utf8: (text) => Buffer.from(text, 'utf8'),
  utf16le: (text) => Buffer.from(text, 'utf16le'),
  'utf-16be': (text) => iconv.encode(text, 'utf-16be'),
  gb18030: (text) => iconv.encode(text, 'gb18030'),
};
// decode() is iconv-lite's API: iconv-lite is the oracle (an odd last UTF-16 byte is
// dropped there, where TextDecoder gives U+FFFD).
const OUTSIDE_DECODE = Object.fromEntries(Object.keys(OUTSIDE_ENCODE).map((encoding) => [encoding, (bytes) => iconv.decode(bytes, encoding, { stripBOM: false })]));

test('one-shot decodes of shrinking and growing sizes never show an earlier call\'s text (the kept decode buffer)', () => {
  const random = seededRandom(0xdec0de);
  const sizes = [3 << 20, 17, 0, 1 << 20, 1, 2 << 20, 5];
  for (const label of ['gbk', 'shift_jis', 'windows-1251']) {
    for (const size of sizes) {
      const bytes = iconv.encode(randomText(random, size >>> 1).replace(/[\ud800-\udfff]/g, 'x'), label);
      assert.equal(decode(bytes, label), new TextDecoder(label).decode(bytes), `${label} ${size}`);
    }
  }
});

test('random text encodes as Buffer/iconv-lite encode it and decodes back as TextDecoder/iconv-lite decode it', () => {
  const random = seededRandom(22);
  const pieces = ['a', 'é', '日', '😀', '\n', 'Ж', '\ufeff', '𤭢'];
  for (const encoding of Object.keys(OUTSIDE_ENCODE)) {
    for (let i = 0; i < 200; i++) {
      let text = '';
      for (let n = random.int(0, 50); n > 0; n--) text += random.pick(pieces);
      const label = `${encoding} ${JSON.stringify(text)}`;
      const bytes = encode(text, encoding);
      assert.deepEqual(bytes, OUTSIDE_ENCODE[encoding](text), `encode ${label}`);
      assert.equal(decode(bytes, encoding, { stripBOM: false }), OUTSIDE_DECODE[encoding](bytes), `decode ${label}`);
      assert.equal(decode(bytes, encoding, { stripBOM: false }), text, `round trip ${label}`);
    }
  }
});

test('random bytes, valid or not, decode in the UTF encodings as iconv-lite decodes them', () => {
  const random = seededRandom(25);
  for (const encoding of ['utf8', 'utf16le', 'utf-16be']) {
    for (let i = 0; i < 300; i++) {
      const bytes = random.bytes(random.int(0, 40));
      assert.equal(decode(bytes, encoding, { stripBOM: false }), OUTSIDE_DECODE[encoding](bytes), `${encoding} ${bytes.toString('hex')}`);
    }
  }
});

test('random bytes, valid or not, decode in gb18030 as the WHATWG decoder (TextDecoder) does', () => {
  // iconv-lite recovers from a broken four-byte sequence byte by byte, WHATWG as one error.
  const random = seededRandom(27);
  for (let i = 0; i < 300; i++) {
    const bytes = random.bytes(random.int(0, 40));
    assert.equal(decode(bytes, 'gb18030', { stripBOM: false }), new TextDecoder('gb18030').decode(bytes), bytes.toString('hex'));
  }
});

test('WHATWG labels resolve case-insensitively; this.encoding is the canonical name', () => {
  assert.equal(new StringDecoder('SJIS').encoding, 'shift_jis');
  assert.equal(new StringDecoder(' latin2 ').encoding, 'iso-8859-2');
  assert.equal(new StringDecoder('unicode-1-1-utf-8').encoding, 'utf8');
  assert.equal(new StringDecoder('utf-16').encoding, 'utf16le');
  assert.equal(new StringDecoder('x-sjis').encoding, 'shift_jis');
});

test("Node's own names keep Node's meaning where WHATWG differs", () => {
  // WHATWG maps 'latin1' and 'ascii' to windows-1252; Node means ISO-8859-1 and 7-bit.
  assert.equal(new StringDecoder('latin1').end(Buffer.from([0x80])), '\u0080');
  assert.equal(new StringDecoder('ascii').end(Buffer.from([0xe9])), 'i');
  assert.equal(decode(Buffer.from([0x80]), 'iso-8859-1', { stripBOM: false }), '€');
});

test('unknown labels throw ERR_UNKNOWN_ENCODING and do not exist', () => {
  for (const label of ['klingon', 'utf-7', 'x']) {
    assert.throws(() => new StringDecoder(label), { name: 'TypeError', code: 'ERR_UNKNOWN_ENCODING', message: `Unknown encoding: ${label}` });
    assert.throws(() => decode(Buffer.alloc(1), label), { code: 'ERR_UNKNOWN_ENCODING' });
    assert.throws(() => encode('x', label), { code: 'ERR_UNKNOWN_ENCODING' });
    assert.equal(encodingExists(label), false);
  }
  for (const label of ['utf8', 'UCS-2', 'shift_jis', 'GBK', 'windows-1258', 'koi8-u', 'utf-16be']) {
    assert.equal(encodingExists(label), true, label);
  }
  assert.equal(encodingExists(''), false);
  assert.equal(encodingExists(null), false);
});

test('a leading U+FEFF is stripped in the Unicode encodings only, as iconv-lite does (in gb18030 it is text)', async () => {
  for (const encoding of ['utf8', 'utf16le', 'utf-16be', 'utf-16', 'gb18030']) {
    const bytes = iconv.encode('\ufeffx', encoding === 'utf-16' ? 'utf-16le' : encoding);
    assert.equal(decode(bytes, encoding), iconv.decode(bytes, encoding), encoding);
    assert.equal((await collect(createDecodeStream(encoding), [bytes])).join(''), iconv.decode(bytes, encoding), `${encoding} stream`);
  }
  assert.equal(decode(iconv.encode('\ufeffx', 'gb18030'), 'gb18030'), '\ufeffx');
});

test('decode strips a byte order mark unless stripBOM is false; encode adds one with addBOM', () => {
  const withBom = Buffer.from('\ufeffhi');
  assert.equal(decode(withBom, 'utf8'), iconv.decode(withBom, 'utf8'));
  assert.equal(decode(withBom, 'utf8', { stripBOM: false }), '\ufeffhi');
  assert.deepEqual(encode('hi', 'utf-16be', { addBOM: true }), Buffer.from('feff00680069', 'hex'));
  assert.deepEqual(encode('hi', 'utf8', { addBOM: true }), iconv.encode('hi', 'utf8', { addBOM: true }));
});

test('one-shot UTF-8 decoding equals Buffer#toString on random bytes', () => {
  const random = seededRandom(23);
  for (let i = 0; i < 2000; i++) {
    const bytes = random.bytes(random.int(0, 200));
    assert.equal(decode(bytes, 'utf8', { stripBOM: false }), bytes.toString('utf8'), bytes.toString('hex'));
  }
});

test('decode and encode reject wrong argument types', () => {
  assert.throws(() => decode('text', 'utf8'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => decode(null, 'utf8'), { code: 'ERR_INVALID_ARG_TYPE' });
});

async function collect(stream, chunks) {
  const out = [];
  stream.on('data', (piece) => out.push(piece));
  await pipeline(Readable.from(chunks, { objectMode: true }), stream);
  return out;
}

test('createDecodeStream decodes random chunkings as iconv-lite decodes the whole input', async () => {
  const random = seededRandom(24);
  for (const { text, encoding } of sampleCases()) {
    const whole = iconv.encode(`\ufeff${text}`, encoding);
    // Also cut short, so a character split by the end of input is decoded as iconv-lite does.
    for (const bytes of [whole, whole.subarray(0, whole.length - 1)]) {
      const pieces = await collect(createDecodeStream(encoding), randomPieces(random, bytes, 5));
      assert.ok(pieces.every((piece) => typeof piece === 'string'));
      assert.equal(pieces.join(''), iconv.decode(bytes, encoding), `${encoding} ${bytes.length} B`);
    }
  }
});

test('createEncodeStream encodes random chunkings as iconv-lite encodes the whole text', async () => {
  const random = seededRandom(26);
  for (const { text, encoding } of sampleCases()) {
    const chunks = randomPieces(random, `${text} 😀${text}`, 4); // pairs split between writes too
    const pieces = await collect(createEncodeStream(encoding), chunks);
    assert.deepEqual(Buffer.concat(pieces), iconv.encode(`${text} 😀${text}`, encoding), encoding);
  }
});

test('createEncodeStream keeps a surrogate pair split across writes together', async () => {
  const text = 'a😀b日';
  for (const encoding of ['utf8', 'utf-16be', 'gb18030', 'shift_jis']) {
    const chunks = ['a\ud83d', '\ude00b', '日'];
    const pieces = await collect(createEncodeStream(encoding), chunks);
    assert.deepEqual(Buffer.concat(pieces), iconv.encode(text, encoding), encoding);
  }
});

test('createEncodeStream rejects non-string chunks', async () => {
  await assert.rejects(collect(createEncodeStream('utf8'), [Buffer.from('x')]), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('stream factories reject unknown encodings at once', () => {
  assert.throws(() => createDecodeStream('klingon'), { code: 'ERR_UNKNOWN_ENCODING' });
  assert.throws(() => createEncodeStream('klingon'), { code: 'ERR_UNKNOWN_ENCODING' });
});

// 'utf-16' bytes: with either BOM, without one in either order, too short to tell.
function utf16Samples(random) {
  const fixed = [
    'feff00680069', 'fffe68006900', '00680069', '68006900', '0000', '', 'ff', 'fe', 'fffe', 'feff',
    '0068006900', '3042304430463048', '4230443046304830', 'd83dde00', '3dd800de',
  ].map((hex) => Buffer.from(hex, 'hex'));
  const texts = ['hello', 'héllo wörld', '日本語のテキスト', 'mixed ASCII 日本 😀 text that runs past a hundred characters '.repeat(3), ''];
  for (let i = 0; i < 200; i++) {
    const text = random.pick(texts).slice(random.int(0, 5));
    const order = random.pick(['utf-16le', 'utf-16be']);
    const bom = random.next() < 0.5 ? '\ufeff' : '';
    fixed.push(iconv.encode(bom + text, order));
  }
  return fixed;
}

test('decode(bytes, \'utf-16\') finds the byte order as iconv-lite does', () => {
  const random = seededRandom(31);
  for (const bytes of utf16Samples(random)) {
    const hex = bytes.toString('hex');
    assert.equal(decode(bytes, 'utf-16'), iconv.decode(bytes, 'utf-16'), hex);
    assert.equal(decode(bytes, 'UTF-16', { stripBOM: false }), iconv.decode(bytes, 'UTF-16', { stripBOM: false }), `${hex}, BOM kept`);
    const options = { defaultEncoding: 'utf-16be' };
    assert.equal(decode(bytes, 'utf-16', options), iconv.decode(bytes, 'utf-16', options), `${hex}, default BE`);
  }
});

test('createDecodeStream(\'utf-16\') finds the byte order as iconv-lite does, over random chunkings', async () => {
  const random = seededRandom(32);
  for (const bytes of utf16Samples(random)) {
    const chunks = [];
    for (let at = 0; at < bytes.length;) {
      const next = Math.min(bytes.length, at + random.int(1, 20));
      chunks.push(bytes.subarray(at, next));
      at = next;
    }
    const pieces = await collect(createDecodeStream('utf-16'), chunks);
    assert.equal(pieces.join(''), iconv.decode(bytes, 'utf-16'), bytes.toString('hex'));
  }
});

test('encode(text, \'utf-16\') starts with a BOM, as in iconv-lite, unless addBOM is false', async () => {
  for (const text of ['', 'hi', '日本 😀']) {
    assert.deepEqual(encode(text, 'utf-16'), iconv.encode(text, 'utf-16'), JSON.stringify(text));
    assert.deepEqual(encode(text, 'utf-16', { addBOM: false }), iconv.encode(text, 'utf-16', { addBOM: false }), `${JSON.stringify(text)}, no BOM`);
  }
  const pieces = await collect(createEncodeStream('utf-16'), ['h', 'i']);
  assert.deepEqual(Buffer.concat(pieces), iconv.encode('hi', 'utf-16'));
});

test('encode() takes the non-string values iconv-lite takes', () => {
  const values = [
    null, undefined, 0, false, NaN, '', 12, -1.5, true, {}, [], ['a', 'b'], Buffer.from('bytes'),
    { valueOf: () => 5, toString: () => 'text' }, { toString: () => 'only text' }, 10n, new Date(0),
  ];
  for (const value of values) {
    for (const encoding of ['utf8', 'shift_jis', 'utf-16be']) {
      assert.deepEqual(encode(value, encoding), iconv.encode(value, encoding), `${typeof value} ${String(value)}, ${encoding}`);
    }
  }
  assert.throws(() => iconv.encode(Symbol('s'), 'utf8'), TypeError);
  assert.throws(() => encode(Symbol('s'), 'utf8'), TypeError);
});
