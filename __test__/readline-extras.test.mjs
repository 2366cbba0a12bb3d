import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeReadline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { randomTexts } from './helpers/readline-cases.mjs';
import { seededRandom, randomPieces } from './helpers/random.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/readline');
const split2 = require('split2');
const iconv = require('iconv-lite');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-readline-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

async function nodeLines(chunks) {
  const rl = nodeReadline.createInterface({ input: Readable.from(chunks, { objectMode: false }), crlfDelay: Infinity });
  const lines = [];
  for await (const line of rl) lines.push(line);
  return lines;
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * What lines() yields: node:readline's lines of the input decoded to the end, so an
 * unfinished UTF-8 character at the end is U+FFFD (readline itself drops it).
 */
async function expectedLines(bytes) {
  const decoder = new StringDecoder('utf8');
  return nodeLines([Buffer.from(decoder.write(bytes) + decoder.end())]);
}

test('lines() yields what node:readline yields, for random texts in random chunks, invalid UTF-8 included', async () => {
  for (const { text, bytes, chunks } of randomTexts({ seed: 41, count: 1000 })) {
    assert.deepEqual(await collect(hotpath.lines(chunks)), await expectedLines(bytes), JSON.stringify(text));
  }
});

test('lines() ends with U+FFFD for an unfinished character where node:readline drops it', async () => {
  const chunks = [Buffer.from('a\nb'), Buffer.from([0xe6, 0x97])];
  assert.deepEqual(await nodeLines(chunks), ['a', 'b']);
  assert.deepEqual(await collect(hotpath.lines(chunks)), ['a', 'b\ufffd']);
});

test('lines({ batch: true }) yields arrays whose concatenation is every line', async () => {
  for (const { text, bytes, chunks } of randomTexts({ seed: 42, count: 300 })) {
    const batches = await collect(hotpath.lines(chunks, { batch: true }));
    assert.ok(batches.every((batch) => Array.isArray(batch) && batch.length > 0));
    assert.deepEqual(batches.flat(), await expectedLines(bytes), JSON.stringify(text));
  }
});

test('lines() reads a path, a file URL, a Readable and an iterable of strings', async () => {
  const file = path.join(tmp, 'sample.txt');
  fs.writeFileSync(file, 'one\r\ntwo\rthree\n\nfour');
  const expected = ['one', 'two', 'three', '', 'four'];
  assert.deepEqual(await collect(hotpath.lines(file)), expected);
  assert.deepEqual(await collect(hotpath.lines(pathToFileURL(file))), expected);
  assert.deepEqual(await collect(hotpath.lines(fs.createReadStream(file, { highWaterMark: 3 }))), expected);
  assert.deepEqual(await collect(hotpath.lines(['one\r', '\ntwo\rthr', 'ee\n\nfour'])), expected);
});

test('lines() decodes other encodings, characters split across chunks included', async () => {
  const text = '日本語の行\r\n二行目\n';
  const bytes = iconv.encode(text, 'shift_jis');
  const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)];
  assert.deepEqual(await collect(hotpath.lines(chunks, { encoding: 'shift_jis' })), ['日本語の行', '二行目']);
  assert.deepEqual(await collect(hotpath.lines([Buffer.from('a\0b\0\n\0', 'latin1')], { encoding: 'utf16le' })), ['ab']);
});

test('lines() on a missing file rejects with the fs error', async () => {
  await assert.rejects(collect(hotpath.lines(path.join(tmp, 'missing.txt'))), { code: 'ENOENT', syscall: 'open' });
});

test('a line over maxLineLength is an error with a code, or skipped with skipOverflow', async () => {
  const chunks = ['short\n', 'x'.repeat(40), 'x'.repeat(40), '\nafter\n', 'y'.repeat(100), '\nend'];
  await assert.rejects(collect(hotpath.lines(chunks, { maxLineLength: 50 })), { name: 'RangeError', code: 'HOTPATH_LINE_TOO_LONG' });
  assert.deepEqual(await collect(hotpath.lines(chunks, { maxLineLength: 50, skipOverflow: true })), ['short', 'after', 'end']);
});

test('a source with no newline fails at maxLineLength instead of buffering it all', async () => {
  let produced = 0;
  async function* endless() {
    for (;;) {
      produced++;
      yield Buffer.alloc(1 << 16, 0x61);
    }
  }
  await assert.rejects(collect(hotpath.lines(endless(), { maxLineLength: 1 << 20 })), { code: 'HOTPATH_LINE_TOO_LONG' });
  assert.ok(produced <= 17, `read ${produced} chunks`);
});

test('lines() rejects bad arguments', () => {
  assert.throws(() => hotpath.lines(42), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => hotpath.lines([], { maxLineLength: 0 }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => hotpath.lines([], { encoding: 'klingon' }), { code: 'ERR_UNKNOWN_ENCODING' });
});

test('leaving a lines() loop early closes the source', async () => {
  const file = path.join(tmp, 'early.txt');
  fs.writeFileSync(file, 'a\nb\nc\n'.repeat(100000));
  const stream = fs.createReadStream(file);
  for await (const line of hotpath.lines(stream)) {
    assert.equal(line, 'a');
    break;
  }
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(stream.destroyed, true);
});

async function splitOutput(makeStream, chunks) {
  const stream = makeStream();
  const out = [];
  stream.on('data', (item) => out.push(item));
  try {
    await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  } catch (error) {
    return { out, error: error.message };
  }
  return { out, error: null };
}

test('split() behaves like split2 on random texts in random chunks', async () => {
  for (const { text, chunks } of randomTexts({ seed: 43, count: 800 })) {
    assert.deepEqual(await splitOutput(() => hotpath.split(), chunks), await splitOutput(() => split2(), chunks), JSON.stringify(text));
  }
});

test('split() takes split2\'s argument forms: matcher, mapper, options', async () => {
  const chunks = [Buffer.from('{"a":1}\n{"b"'), Buffer.from(':2}\n\n')];
  const mapper = (line) => (line ? JSON.parse(line) : undefined);
  const forms = [
    [mapper], [/\n/, mapper], [mapper, {}], ['\n'], [/(\n)/], [{ highWaterMark: 4 }], [/\r?\n/, { objectMode: true }],
  ];
  for (const args of forms) {
    assert.deepEqual(await splitOutput(() => hotpath.split(...args), chunks), await splitOutput(() => split2(...args), chunks), String(args[0]));
  }
});

test('split() maxLength and skipOverflow behave like split2\'s', async () => {
  const random = seededRandom(44);
  for (let i = 0; i < 300; i++) {
    const chunks = Array.from({ length: random.int(1, 6) }, () => random.pick(['ab', '\n', 'x'.repeat(random.int(0, 30)), '\r\n', 'tail']));
    const options = { maxLength: random.int(1, 20), skipOverflow: random.next() < 0.5 };
    assert.deepEqual(
      await splitOutput(() => hotpath.split(options), chunks),
      await splitOutput(() => split2(options), chunks),
      `${JSON.stringify(chunks)} ${JSON.stringify(options)}`,
    );
  }
});

test('a throwing mapper errors the split() stream like split2', async () => {
  const chunks = ['ok\n', 'bad\n'];
  const mapper = (line) => {
    if (line === 'bad') throw new Error('mapper failed');
    return line;
  };
  assert.deepEqual(await splitOutput(() => hotpath.split(mapper), chunks), await splitOutput(() => split2(mapper), chunks));
});

test('jsonLines() parses each line and skips blank ones', async () => {
  const chunks = ['{"a":1}\r\n', '\n  \n\u00a0\t\n[1,', '2]\n"s"'];
  assert.deepEqual(await collect(hotpath.jsonLines(chunks)), [{ a: 1 }, [1, 2], 's']);
});

test('a bad JSON line rejects with its line number, or is skipped with skipInvalid', async () => {
  const chunks = ['{"a":1}\n', '\n{"b":2}\n{oops', '}\n{"c":3}\n'];
  await assert.rejects(collect(hotpath.jsonLines(chunks)), (error) => {
    assert.equal(error.name, 'SyntaxError');
    assert.equal(error.code, 'HOTPATH_INVALID_JSON_LINE');
    assert.equal(error.lineNumber, 4);
    assert.match(error.message, /\(line 4\)$/);
    return true;
  });
  assert.deepEqual(await collect(hotpath.jsonLines(chunks, { skipInvalid: true })), [{ a: 1 }, { b: 2 }, { c: 3 }]);
});

test('jsonLines() yields every record before a bad line, then rejects once and is done', async () => {
  const iterator = hotpath.jsonLines(['{"a":1}\n{"b":2}\nnot json\n{"c":3}\n'])[Symbol.asyncIterator]();
  assert.deepEqual(await iterator.next(), { value: { a: 1 }, done: false });
  assert.deepEqual(await iterator.next(), { value: { b: 2 }, done: false });
  await assert.rejects(iterator.next(), { code: 'HOTPATH_INVALID_JSON_LINE', lineNumber: 3 });
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
});

test('jsonLines() gives split2(JSON.parse) records for random NDJSON in random chunks', async () => {
  const random = seededRandom(0x15e);
  for (let round = 0; round < 40; round++) {
    const records = Array.from({ length: random.int(0, 60) }, (_, i) => ({ i, text: 'é→'.repeat(random.int(0, 40)), n: random.int(-1e6, 1e6) }));
    // No blank lines: split2(JSON.parse) fails on them where jsonLines skips them.
    const text = records.map((record) => JSON.stringify(record) + (random.int(0, 5) === 0 ? '\r\n' : '\n')).join('');
    const chunks = randomPieces(random, Buffer.from(text), 300);
    const expected = [];
    await pipeline(Readable.from(chunks), split2(JSON.parse), async function* (source) {
      for await (const record of source) expected.push(record);
    });
    assert.deepEqual(await collect(hotpath.jsonLines(chunks)), expected, `round ${round}`);
  }
});

test('countLines() counts what node:readline emits', async () => {
  let n = 0;
  for (const { text, bytes } of randomTexts({ seed: 45, count: 200 })) {
    const file = path.join(tmp, `count-${n++}.txt`);
    fs.writeFileSync(file, bytes);
    const expected = (await nodeLines([bytes])).length;
    assert.equal(await hotpath.countLines(file), expected, JSON.stringify(text));
  }
});

test('countLines() of files many reads long counts what node:readline emits, a CRLF astride every read edge included', async () => {
  const random = seededRandom(46);
  // countLines reads 1 MiB at a time: these files take 1 to 5 reads, and each puts
  // a \r, a \r\n, a lone \r or a multi-byte character across a read edge.
  const MiB = 1 << 20;
  for (let n = 0; n < 12; n++) {
    const size = random.int(MiB - 3, 5 * MiB);
    const bytes = Buffer.alloc(size, 'line of text, é, 日本, and a break\n');
    for (let edge = MiB; edge < size; edge += MiB) {
      const piece = Buffer.from(random.pick(['\r\n', '\r', '\n', '\r\r\n', '日', '\n\r']));
      piece.copy(bytes, edge - random.int(0, piece.length));
    }
    for (let k = 0; k < 50; k++) bytes[random.int(0, size - 1)] = random.pick([0x0d, 0x0a, 0xff, 0x80]);
    const file = path.join(tmp, `count-big-${n}.txt`);
    fs.writeFileSync(file, bytes);
    let expected = 0;
    for await (const line of nodeReadline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) expected += line === undefined ? 0 : 1;
    assert.equal(await hotpath.countLines(file), expected, `file ${n}: ${size} B`);
  }
});

test('lines() and countLines() end lines at U+2028 and U+2029 where the running node:readline does', async () => {
  const text = 'a\u2028b\u2029c\r\u2028d\u2028\ne\u2027f';
  const file = path.join(tmp, 'separators.txt');
  fs.writeFileSync(file, text);
  const expected = await nodeLines([Buffer.from(text)]);
  assert.deepEqual(await collect(hotpath.lines(file)), expected);
  assert.deepEqual(await collect(hotpath.lines([text])), expected);
  assert.equal(await hotpath.countLines(file), expected.length);
});

test('countLines() of an empty file is 0', async () => {
  const file = path.join(tmp, 'empty.txt');
  fs.writeFileSync(file, '');
  assert.equal(await hotpath.countLines(file), 0);
});

test('countLines() fails like fs does for a missing file and a directory', async () => {
  const missing = path.join(tmp, 'nope.txt');
  const theirs = await fs.promises.readFile(missing).catch((error) => error);
  await assert.rejects(hotpath.countLines(missing), (error) => {
    for (const key of ['message', 'code', 'errno', 'syscall', 'path']) assert.equal(error[key], theirs[key], key);
    return true;
  });
  const dirError = await fs.promises.readFile(tmp).catch((error) => error);
  await assert.rejects(hotpath.countLines(tmp), (error) => {
    for (const key of ['message', 'code', 'errno', 'syscall', 'path']) assert.equal(error[key], dirError[key], key);
    return true;
  });
  await assert.rejects(hotpath.countLines(42), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('reading a 1 GiB file with lines() and countLines() keeps peak RSS under 150 MiB', () => {
  const file = path.join(tmp, 'big.txt');
  const block = Buffer.from('a line of about forty characters of text\n'.repeat(25000));
  const fd = fs.openSync(file, 'w');
  for (let written = 0; written < 1 << 30; written += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  const script = `
    const { lines, countLines } = require(${JSON.stringify(fileURLToPath(new URL('../lib/readline.js', import.meta.url)))});
    (async () => {
      let n = 0;
      for await (const batch of lines(${JSON.stringify(file)}, { batch: true })) n += batch.length;
      const counted = await countLines(${JSON.stringify(file)});
      console.log(JSON.stringify({ n, counted, maxRSS: process.resourceUsage().maxRSS }));
    })();
  `;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  fs.rmSync(file);
  assert.equal(result.status, 0, result.stderr);
  const { n, counted, maxRSS } = JSON.parse(result.stdout);
  assert.equal(n, counted);
  assert.ok(n > 26_000_000, `${n} lines`);
  assert.ok(maxRSS < 150 * 1024, `peak RSS ${Math.round(maxRSS / 1024)} MiB`);
});
