import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { StringDecoder as NodeDecoder } from 'node:string_decoder';
import { seededRandom } from './helpers/random.mjs';
import { assertSameError } from './helpers/errors.mjs';

const require = createRequire(import.meta.url);
const { StringDecoder } = require('hotpath/string_decoder');

const NODE_ENCODINGS = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];

/** Feeds `chunks` to a decoder, recording every result and the state after each step. */
function trace(Decoder, encoding, chunks, { endWith } = {}) {
  const decoder = new Decoder(encoding);
  const steps = [];
  const snapshot = (out) => ({
    out,
    lastChar: Buffer.from(decoder.lastChar).toString('hex'),
    lastNeed: decoder.lastNeed,
    lastTotal: decoder.lastTotal,
  });
  for (const chunk of chunks) steps.push(snapshot(decoder.write(chunk)));
  steps.push(snapshot(decoder.end(endWith)));
  steps.push(snapshot(decoder.write(Buffer.from('reuse'))));
  return { encoding: decoder.encoding, steps };
}

function assertSameTrace(encoding, chunks, label) {
  assert.deepEqual(trace(StringDecoder, encoding, chunks), trace(NodeDecoder, encoding, chunks), label);
}

function splitAt(bytes, cuts) {
  const chunks = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(start, cut));
    start = cut;
  }
  return chunks;
}

const SAMPLES = {
  'a 4-byte emoji between ASCII': Buffer.from('a😀b'),
  'mixed widths': Buffer.from('$¢€𤭢 ˤdበ0ぅ'),
  'overlong encodings': Buffer.from('c080e080802fc1bf', 'hex'),
  'UTF-16 surrogates in UTF-8': Buffer.from('eda0b5edb08d41', 'hex'),
  'truncated sequences': Buffer.from('e2f0 9f98 41 e282'.replace(/ /g, ''), 'hex'),
  'stray continuation bytes': Buffer.from('80bf41b8b8b8b8ccb8', 'hex'),
  'invalid lead bytes': Buffer.from('f8fbfcfeff41f5', 'hex'),
  'the replacement character itself': Buffer.from('\ufffd\ufffdx'),
  'node test vectors': Buffer.from('C9B5A941E241CCCCB8F0B841F1CCB8F0FB00CCE2B8B8E2B8CCB8E2FBCC01', 'hex'),
  'odd-length UTF-16 with a surrogate pair': Buffer.from('3dd84ddc41003dd8', 'hex'),
  'lone UTF-16 surrogates': Buffer.from('00dc3dd841003dd8', 'hex'),
  'base64 padding lengths': Buffer.from('abcdefg'),
};

for (const [name, bytes] of Object.entries(SAMPLES)) {
  test(`every split of ${name} decodes as node:string_decoder does, in every encoding`, () => {
    for (const encoding of NODE_ENCODINGS) {
      for (let a = 0; a <= bytes.length; a++) {
        for (let b = a; b <= bytes.length; b++) {
          assertSameTrace(encoding, splitAt(bytes, [a, b]), `${encoding} cut at ${a}, ${b}`);
        }
      }
    }
  });
}

test('byte-by-byte writes of every sample match node:string_decoder', () => {
  for (const bytes of Object.values(SAMPLES)) {
    const cuts = Array.from({ length: bytes.length }, (_, i) => i + 1);
    for (const encoding of NODE_ENCODINGS) assertSameTrace(encoding, splitAt(bytes, cuts), encoding);
  }
});

test('10,000 random buffers in random chunks match node:string_decoder', () => {
  const random = seededRandom(11);
  const alphabet = [...Buffer.from('aZ\n é€😀日'), 0x80, 0xbf, 0xc0, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xff, 0x00, 0xd8, 0xdc];
  for (let i = 0; i < 10000; i++) {
    const length = random.int(0, random.pick([8, 40, 300]));
    const bytes = Buffer.alloc(length);
    for (let j = 0; j < length; j++) bytes[j] = random.next() < 0.5 ? random.pick(alphabet) : random.int(0, 255);
    const cuts = Array.from({ length: random.int(0, 6) }, () => random.int(0, length)).sort((x, y) => x - y);
    const encoding = random.pick(NODE_ENCODINGS);
    assertSameTrace(encoding, splitAt(bytes, cuts), `${encoding} ${bytes.toString('hex')} cuts ${cuts}`);
  }
});

test('large chunks of ASCII, Latin-1 range and Japanese text match node:string_decoder', () => {
  const texts = ['ascii only text\n'.repeat(5000), 'café crème ß '.repeat(5000), '日本語のテキスト、'.repeat(5000)];
  for (const text of texts) {
    const bytes = Buffer.from(text);
    for (const cut of [1, 65536, 65537, bytes.length - 1]) {
      assertSameTrace('utf8', splitAt(bytes, [cut]), `cut ${cut}`);
    }
  }
});

test('end(buf) writes buf first, and the decoder is reusable after end()', () => {
  for (const encoding of NODE_ENCODINGS) {
    const ours = new StringDecoder(encoding);
    const node = new NodeDecoder(encoding);
    const bytes = Buffer.from('e282', 'hex');
    assert.equal(ours.end(bytes), node.end(bytes), encoding);
    assert.equal(ours.write(Buffer.from('€')), node.write(Buffer.from('€')), encoding);
  }
});

test('text(buf, offset) drops the pending character like Node', () => {
  const chunks = [Buffer.from('e282', 'hex'), Buffer.from('xx€ab')];
  for (const encoding of NODE_ENCODINGS) {
    const ours = new StringDecoder(encoding);
    const node = new NodeDecoder(encoding);
    assert.equal(ours.write(chunks[0]), node.write(chunks[0]));
    assert.equal(ours.text(chunks[1], 2), node.text(chunks[1], 2), encoding);
    assert.equal(ours.lastNeed, node.lastNeed);
    assert.equal(ours.end(), node.end(), encoding);
  }
});

test('strings given to write are returned as they are', () => {
  const decoder = new StringDecoder('hex');
  assert.equal(decoder.write('not decoded'), 'not decoded');
  assert.equal(StringDecoder.prototype.write.call({}, 'x'), 'x');
});

test('every TypedArray kind, DataViews and SharedArrayBuffer views are decoded by their bytes', () => {
  const shared = new SharedArrayBuffer(64);
  Buffer.from('héllo wörld 😀 0123456789abcdef0123456789abcdef01').copy(new Uint8Array(shared));
  const views = [
    new Uint8Array(shared, 1, 40), new Uint16Array(shared, 2, 20), new Float64Array(shared, 8, 5),
    new DataView(shared, 3, 30), new Int8Array(shared), new BigUint64Array(shared, 0, 8),
  ];
  for (const encoding of NODE_ENCODINGS) {
    for (const view of views) {
      assert.equal(new StringDecoder(encoding).end(view), new NodeDecoder(encoding).end(view), `${encoding} ${view.constructor.name}`);
    }
  }
});

test('encoding names are normalised as Node does', () => {
  const labels = [
    undefined, null, '', 'utf8', 'UTF8', 'utf-8', 'UTF-8', 'Utf-8', 'ucs2', 'UCS-2', 'ucs-2', 'utf16le',
    'UTF-16LE', 'latin1', 'BINARY', 'binary', 'base64', 'Base64', 'base64url', 'BASE64URL', 'hex', 'HEX', 'ascii', 'ASCII',
  ];
  for (const label of labels) {
    assert.equal(new StringDecoder(label).encoding, new NodeDecoder(label).encoding, String(label));
  }
});

test('unknown encodings throw ERR_UNKNOWN_ENCODING like Node', () => {
  for (const label of ['nope', 0, false, 1, {}, Symbol('s'), 'utf 8', 'buffer']) {
    assertSameError(() => new StringDecoder(label), () => new NodeDecoder(label), String(label));
  }
});

test('calling StringDecoder without new throws the TypeError Node throws', () => {
  assertSameError(() => StringDecoder('utf8'), () => NodeDecoder('utf8'), 'no new');
  assertSameError(() => StringDecoder('nope'), () => NodeDecoder('nope'), 'no new, bad encoding');
  assertSameError(() => StringDecoder.call(null, 'nope'), () => NodeDecoder.call(null, 'nope'), 'null this, bad encoding');
});

test('write rejects non-views with ERR_INVALID_ARG_TYPE, and foreign this with ERR_INVALID_THIS', () => {
  for (const value of [123, null, {}, [], new ArrayBuffer(2), true]) {
    assertSameError(() => new StringDecoder().write(value), () => new NodeDecoder().write(value), String(value));
  }
  const buf = Buffer.from('x');
  assertSameError(
    () => StringDecoder.prototype.write.call({}, buf),
    () => NodeDecoder.prototype.write.call({}, buf),
    'foreign this',
  );
});

test('the decoder object has the same shape as Node\'s', () => {
  const ours = new StringDecoder('utf16le');
  const node = new NodeDecoder('utf16le');
  assert.deepEqual(Object.keys(ours), Object.keys(node));
  assert.deepEqual(Object.getOwnPropertyNames(StringDecoder.prototype), Object.getOwnPropertyNames(NodeDecoder.prototype));
  assert.equal(inspect(ours), inspect(node));
  assert.equal(StringDecoder.length, NodeDecoder.length);
  assert.equal(StringDecoder.name, NodeDecoder.name);
});

test('a result longer than V8 allows throws ERR_STRING_TOO_LONG like Node', () => {
  const huge = Buffer.alloc(2 ** 29 - 24 + 1, 0x61);
  assertSameError(() => new StringDecoder('latin1').write(huge), () => new NodeDecoder('latin1').write(huge), 'latin1');
});

test('Float16Array chunks decode as their bytes where the running Node has it', { skip: typeof Float16Array === 'undefined' }, () => {
  const text = Buffer.from('日本語 text with é and 😀 split up');
  const usable = text.length & ~1;
  for (const encoding of NODE_ENCODINGS) {
    const chunks = [0, 6, 12, usable].reduce((out, end, i, ends) => {
      if (i > 0) out.push(new Float16Array(text.buffer.slice(text.byteOffset + ends[i - 1], text.byteOffset + end)));
      return out;
    }, []);
    assert.deepEqual(trace(StringDecoder, encoding, chunks), trace(NodeDecoder, encoding, chunks), encoding);
  }
});
