// hotpath/zlib where Node changed a rule between 20, 22, 24 and 26: every test asks
// the running node:zlib and expects the same outcome (output, or error class, code
// and message), so the same file holds on each version.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import node from 'node:zlib';
import { seededRandom } from './helpers/random.mjs';
import { assertSameError } from './helpers/errors.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');
// Asks node:zlib (flush(-1) on a probe stream) whether it checks the kind.
const { flushChecksKind } = require('../lib/internal/zlib/version-rules.js');
const { constants: C } = node;

/** Both calls return equal values, or both throw the same error. */
function assertSameOutcome(ours, theirs, label) {
  let expected;
  let threw = false;
  try {
    expected = theirs();
  } catch {
    threw = true;
  }
  if (threw) {
    assertSameError(ours, theirs, label);
  } else {
    assert.deepEqual(ours(), expected, label);
  }
}

const describe = (error) => ({ name: error.name, code: error.code, message: error.message });

/** What a stream does with `chunks`: its output and how it ended. */
function streamOutcome(stream, chunks) {
  return new Promise((resolve) => {
    const pieces = [];
    stream.on('data', (piece) => pieces.push(piece));
    stream.on('error', (error) => {
      resolve({ output: Buffer.concat(pieces), error: describe(error) });
    });
    stream.on('end', () => resolve({ output: Buffer.concat(pieces), error: null }));
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
}

/** What the callback form does: throws at once, or calls back with a result or an error. */
function callbackOutcome(fn, input, options) {
  return new Promise((resolve) => {
    try {
      fn(input, options, (error, result) => resolve(error ? { error: describe(error) } : { result }));
    } catch (error) {
      resolve({ thrown: describe(error) });
    }
  });
}

test('brotli parameters that C brotli refuses fail initialization where node:zlib does', () => {
  const encoderCases = [0, 1, 2, 7, 2 ** 32 - 1].map((value) => ({ [C.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING]: value }));
  encoderCases.push({ [C.BROTLI_PARAM_QUALITY]: 99 }, { [C.BROTLI_PARAM_LGWIN]: 30 }, { [C.BROTLI_PARAM_MODE]: 9 }, { 40: 1 });
  for (const params of encoderCases) {
    const label = `encoder ${JSON.stringify(params)}`;
    assertSameOutcome(() => hotpath.brotliCompressSync('abc abc abc', { params }), () => node.brotliCompressSync('abc abc abc', { params }), label);
    assertSameOutcome(() => (hotpath.createBrotliCompress({ params }).destroy(), 'made'), () => (node.createBrotliCompress({ params }).destroy(), 'made'), `${label}, stream`);
  }
  const packed = node.brotliCompressSync('abc abc abc');
  for (const key of [0, 1, 2, 3, 40]) {
    for (const value of [0, 1]) {
      const params = { [key]: value };
      const label = `decoder ${JSON.stringify(params)}`;
      assertSameOutcome(() => hotpath.brotliDecompressSync(packed, { params }), () => node.brotliDecompressSync(packed, { params }), label);
      assertSameOutcome(() => (hotpath.createBrotliDecompress({ params }).destroy(), 'made'), () => (node.createBrotliDecompress({ params }).destroy(), 'made'), `${label}, stream`);
    }
  }
});

test('a brotli dictionary is used, checked or ignored as node:zlib does', () => {
  const dictionary = Buffer.from('the quick brown fox jumps over the lazy dog');
  const text = 'the quick brown fox jumps over the lazy dog, then the quick brown fox sleeps';
  assertSameOutcome(() => hotpath.brotliCompressSync(text, { dictionary }), () => node.brotliCompressSync(text, { dictionary }), 'compress');
  const packed = node.brotliCompressSync(text, { dictionary });
  assertSameOutcome(() => hotpath.brotliDecompressSync(packed, { dictionary }), () => node.brotliDecompressSync(packed, { dictionary }), 'decompress');
  assertSameOutcome(() => hotpath.brotliDecompressSync(packed), () => node.brotliDecompressSync(packed), 'decompress without it');
  for (const bad of ['text', 5, {}]) {
    assertSameOutcome(() => hotpath.brotliCompressSync(text, { dictionary: bad }), () => node.brotliCompressSync(text, { dictionary: bad }), `bad ${String(bad)}`);
  }
  const stream = hotpath.createBrotliCompress({ dictionary });
  assert.ok(stream instanceof hotpath.BrotliCompress);
  stream.destroy();
});

const member = (text) => node.gzipSync(text);
const GARBAGE_INPUTS = {
  'gzip + gzip': () => ['gunzip', Buffer.concat([member('first '), member('second')])],
  'gzip + zero bytes': () => ['gunzip', Buffer.concat([member('first'), Buffer.alloc(9)])],
  'gzip + junk': () => ['gunzip', Buffer.concat([member('first'), Buffer.from('junk')])],
  'gzip + junk, unzip': () => ['unzip', Buffer.concat([member('first'), Buffer.from('junk')])],
  'deflate + junk': () => ['inflate', Buffer.concat([node.deflateSync('first'), Buffer.from('junk')])],
  'raw + junk': () => ['inflateRaw', Buffer.concat([node.deflateRawSync('first'), Buffer.from('junk')])],
  'deflate, nothing after': () => ['inflate', node.deflateSync('first')],
};
const GARBAGE_OPTIONS = [undefined, true, false, 'yes', 1];

test('rejectGarbageAfterEnd in the *Sync forms follows node:zlib', () => {
  for (const [label, make] of Object.entries(GARBAGE_INPUTS)) {
    const [name, input] = make();
    for (const rejectGarbageAfterEnd of GARBAGE_OPTIONS) {
      const options = { rejectGarbageAfterEnd };
      assertSameOutcome(() => hotpath[`${name}Sync`](input, options), () => node[`${name}Sync`](input, options), `${label}, ${rejectGarbageAfterEnd}`);
    }
  }
});

test('rejectGarbageAfterEnd in the callback forms follows node:zlib', async () => {
  for (const [label, make] of Object.entries(GARBAGE_INPUTS)) {
    const [name, input] = make();
    for (const rejectGarbageAfterEnd of GARBAGE_OPTIONS) {
      const options = { rejectGarbageAfterEnd };
      assert.deepEqual(
        await callbackOutcome(hotpath[name], input, options),
        await callbackOutcome(node[name], input, options),
        `${label}, ${rejectGarbageAfterEnd}`,
      );
    }
  }
});

test('rejectGarbageAfterEnd in streams follows node:zlib over random chunkings', async () => {
  const random = seededRandom(2024);
  const classOf = { gunzip: 'Gunzip', unzip: 'Unzip', inflate: 'Inflate', inflateRaw: 'InflateRaw' };
  for (const [label, make] of Object.entries(GARBAGE_INPUTS)) {
    const [name, input] = make();
    for (const rejectGarbageAfterEnd of [undefined, true, false]) {
      for (let round = 0; round < 6; round++) {
        const cuts = round === 0 ? [input] : [];
        for (let at = 0; round > 0 && at < input.length;) {
          const size = random.int(1, 12);
          cuts.push(input.subarray(at, at + size));
          at += size;
        }
        const options = { rejectGarbageAfterEnd };
        const ours = await streamOutcome(new hotpath[classOf[name]](options), cuts);
        const theirs = await streamOutcome(new node[classOf[name]](options), cuts);
        assert.deepEqual(ours, theirs, `${label}, ${rejectGarbageAfterEnd}, round ${round}`);
      }
    }
  }
});

test('flush(kind) checks the kind where node:zlib does', () => {
  const kinds = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 100, 1.5];
  // Where Node does not check (20, 22), brotli flush(4) and flush(5) hand brotli an
  // operation it does not know and the process never exits: not a case to run.
  const nodeChecksKind = flushChecksKind();
  for (const className of ['Deflate', 'Gunzip', 'BrotliCompress']) {
    for (const kind of kinds) {
      if (className === 'BrotliCompress' && (kind === 4 || kind === 5) && !nodeChecksKind) continue;
      const label = `${className}.flush(${kind})`;
      const attempt = (zlib) => () => {
        const stream = new zlib[className]();
        try {
          stream.flush(kind, () => {});
          return 'accepted';
        } finally {
          stream.destroy();
        }
      };
      assertSameOutcome(attempt(hotpath), attempt(node), label);
    }
  }
});

test('bytesRead is there, and equals bytesWritten, exactly where node:zlib has it', async () => {
  const ours = hotpath.createGzip();
  const theirs = node.createGzip();
  assert.equal('bytesRead' in ours, 'bytesRead' in theirs);
  await streamOutcome(ours, [Buffer.from('hello '), Buffer.from('world')]);
  await streamOutcome(theirs, [Buffer.from('hello '), Buffer.from('world')]);
  assert.equal(ours.bytesWritten, theirs.bytesWritten);
  if ('bytesRead' in theirs) assert.equal(ours.bytesRead, theirs.bytesRead);
});

test('the create* factories carry the names node:zlib gives them', () => {
  const factories = Object.keys(node).filter((name) => name.startsWith('create') && typeof node[name] === 'function');
  assert.ok(factories.length >= 9);
  for (const name of factories) assert.equal(hotpath[name].name, node[name].name, name);
});

test('calling a class without new warns (DEP0184) exactly where node:zlib does', () => {
  const script = (module) => `
    const zlib = require(${JSON.stringify(module)});
    process.on('warning', (w) => console.log(JSON.stringify([w.name, w.code, w.message])));
    zlib.Deflate(); zlib.Gunzip(); zlib.BrotliCompress();
    setImmediate(() => console.log('done'));
  `;
  const run = (module) => spawnSync(process.execPath, ['-e', script(module)], { encoding: 'utf8' });
  const ours = run(require.resolve('hotpath/zlib'));
  const theirs = run('node:zlib');
  assert.equal(ours.status, 0, ours.stderr);
  assert.equal(ours.stdout, theirs.stdout);
});

test('a stream with decodeStrings: false still compresses string chunks as UTF-8', async () => {
  // Node 20-24 abort the process on this; Node 26 encodes the string. The face takes
  // Node 26's rule everywhere: a crash is never the behaviour to copy.
  const stream = hotpath.createGzip({ decodeStrings: false });
  const { output, error } = await streamOutcome(stream, ['héllo ', 'wörld']);
  assert.equal(error, null);
  assert.equal(node.gunzipSync(output).toString(), 'héllo wörld');
});

test('inflating with a window under 32 KiB fails on far distances where node:zlib does', async () => {
  const random = seededRandom(7);
  const block = random.bytes(20000);
  const input = Buffer.concat([block, block, block.subarray(0, 5000)]);
  const formats = [
    ['inflate', node.deflateSync(input)],
    ['inflateRaw', node.deflateRawSync(input)],
    ['gunzip', node.gzipSync(input)],
    ['unzip', node.gzipSync(input)],
  ];
  for (const [name, packed] of formats) {
    for (const windowBits of [9, 12, 14, 15]) {
      const options = { windowBits };
      const label = `${name}, windowBits ${windowBits}`;
      assertSameOutcome(() => hotpath[`${name}Sync`](packed, options), () => node[`${name}Sync`](packed, options), label);
      assert.deepEqual(
        await callbackOutcome(hotpath[name], packed, options),
        await callbackOutcome(node[name], packed, options),
        `${label}, callback`,
      );
    }
  }
  // Streams, written whole and in pieces.
  const classOf = { inflate: 'Inflate', inflateRaw: 'InflateRaw', gunzip: 'Gunzip', unzip: 'Unzip' };
  for (const [name, packed] of formats) {
    for (const windowBits of [9, 14]) {
      for (const cuts of [[packed], [packed.subarray(0, 1000), packed.subarray(1000)]]) {
        const options = { windowBits };
        const ours = new hotpath[classOf[name]](options);
        assert.ok(ours instanceof hotpath[classOf[name]]);
        assert.deepEqual(await streamOutcome(ours, cuts), await streamOutcome(new node[classOf[name]](options), cuts), `${name} stream, windowBits ${windowBits}`);
      }
    }
  }
  // A zlib header that declares a small window (rewritten here; data a real
  // small-window compressor could not write) binds the decoder as windowBits does.
  const smallHeader = Buffer.from(formats[0][1]);
  smallHeader[0] = 0x48;
  smallHeader[1] = 31 - ((smallHeader[0] * 256) % 31);
  // The header is read as bytes whatever the view (a Uint16Array's first element is two).
  const evenLength = smallHeader.length & ~1;
  const views = {
    DataView: new DataView(smallHeader.buffer, smallHeader.byteOffset, smallHeader.length),
    Uint16Array: new Uint16Array(smallHeader.buffer.slice(smallHeader.byteOffset, smallHeader.byteOffset + evenLength)),
  };
  // Without options Node keeps a 32 KiB window; options without windowBits (or 0)
  // take the header's.
  const headerOptions = [undefined, {}, { windowBits: 0 }, { windowBits: 15 }, { chunkSize: 64 }];
  for (const [kind, view] of Object.entries(views)) {
    assertSameOutcome(() => hotpath.inflateSync(view, {}), () => node.inflateSync(view, {}), `inflate, header window 4 KiB, ${kind}`);
  }
  for (const name of ['inflate', 'unzip']) {
    for (const options of headerOptions) {
      const label = `${name}, header window 4 KiB, ${JSON.stringify(options)}`;
      assertSameOutcome(() => hotpath[`${name}Sync`](smallHeader, options), () => node[`${name}Sync`](smallHeader, options), label);
      assert.deepEqual(await callbackOutcome(hotpath[name], smallHeader, options), await callbackOutcome(node[name], smallHeader, options), `${label}, callback`);
    }
  }
  // Near distances fit any window.
  const near = Buffer.from('abcabcabcabc'.repeat(100));
  for (const windowBits of [9, 12]) {
    assertSameOutcome(() => hotpath.inflateSync(node.deflateSync(near, { windowBits }), { windowBits }), () => node.inflateSync(node.deflateSync(near, { windowBits }), { windowBits }), `near ${windowBits}`);
  }
});

test('raw deflate with windowBits 8 and a dictionary behaves as in node:zlib', () => {
  const dictionary = Buffer.from('hello world, hello zlib');
  const text = 'hello world, hello zlib, hello again';
  for (const windowBits of [8, 9]) {
    const options = { windowBits, dictionary };
    // Compressed bytes may differ between engines; what they decode to may not.
    const inflated = (zlib) => () => node.inflateRawSync(zlib.deflateRawSync(text, { ...options }), { windowBits: 9, dictionary }).toString();
    assertSameOutcome(inflated(hotpath), inflated(node), `deflateRaw ${windowBits}`);
    const packed = node.deflateRawSync(text, { windowBits: 9, dictionary });
    assertSameOutcome(() => hotpath.inflateRawSync(packed, { ...options }), () => node.inflateRawSync(packed, { ...options }), `inflateRaw ${windowBits}`);
  }
});

test('Float16Array input is read as its bytes where the running Node has it', { skip: typeof Float16Array === 'undefined' }, () => {
  const halves = new Float16Array([1, 2.5, -0, 65504, 0.1]);
  assert.equal(hotpath.crc32(halves), node.crc32(halves));
  assert.deepEqual(hotpath.gzipSync(halves), node.gzipSync(halves));
  assert.deepEqual(hotpath.inflateSync(node.deflateSync(halves)), node.inflateSync(node.deflateSync(halves)));
  const packed = node.deflateSync('float sixteen');
  const view = new Float16Array(packed.buffer.slice(packed.byteOffset, packed.byteOffset + (packed.length & ~1)));
  assertSameOutcome(() => hotpath.inflateSync(view), () => node.inflateSync(view), 'odd-cut view');
});
