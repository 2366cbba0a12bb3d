import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import nodeReadline from 'node:readline';
import { randomTexts } from './helpers/readline-cases.mjs';
import { assertSameError } from './helpers/errors.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/readline');

/** Every event an interface emits, in order, for the given input chunks. */
async function eventsOf(readline, chunks, { encoding, options = {} } = {}) {
  const input = new PassThrough();
  if (encoding) input.setEncoding(encoding);
  const rl = readline.createInterface({ input, ...options });
  const events = [];
  for (const name of ['line', 'pause', 'resume', 'close', 'history']) {
    rl.on(name, (value) => events.push(name === 'line' ? ['line', value] : [name]));
  }
  const closed = once(rl, 'close');
  for (const chunk of chunks) input.write(chunk);
  input.end();
  await closed;
  return events;
}

test('2,000 random texts in random chunks give the same events as node:readline', async () => {
  for (const { text, chunks } of randomTexts({ seed: 31, count: 2000 })) {
    assert.deepEqual(await eventsOf(hotpath, chunks), await eventsOf(nodeReadline, chunks), JSON.stringify(text));
  }
});

test('string chunks from input.setEncoding() give the same lines as node:readline', async () => {
  for (const { text, chunks } of randomTexts({ seed: 32, count: 300 })) {
    assert.deepEqual(
      await eventsOf(hotpath, chunks, { encoding: 'utf8' }),
      await eventsOf(nodeReadline, chunks, { encoding: 'utf8' }),
      JSON.stringify(text),
    );
  }
});

test('a CRLF split across two chunks is one line break', async () => {
  const events = await eventsOf(hotpath, [Buffer.from('one\r'), Buffer.from('\ntwo\r'), Buffer.from('\n')]);
  assert.deepEqual(events.filter(([name]) => name === 'line'), [['line', 'one'], ['line', 'two']]);
});

test('a trailing incomplete UTF-8 sequence is dropped and a final line without newline is emitted', async () => {
  const chunks = [Buffer.from('first\nlast'), Buffer.from([0xe6, 0x97])];
  assert.deepEqual(await eventsOf(hotpath, chunks), await eventsOf(nodeReadline, chunks));
});

test('a \\n arriving after crlfDelay is a line break of its own, as in Node', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input, crlfDelay: 100 });
    const lines = [];
    rl.on('line', (line) => lines.push(line));
    input.write('a\r');
    await new Promise((resolve) => setTimeout(resolve, 200));
    input.end('\nb');
    await once(rl, 'close');
    return lines;
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
  assert.deepEqual(await run(hotpath), ['a', '', 'b']);
});

test('crlfDelay is never below 100 and may be Infinity', () => {
  for (const crlfDelay of [undefined, 0, 50, 100, 250, Infinity]) {
    const ours = hotpath.createInterface({ input: new PassThrough(), crlfDelay });
    const theirs = nodeReadline.createInterface({ input: new PassThrough(), crlfDelay });
    assert.equal(ours.crlfDelay, theirs.crlfDelay, String(crlfDelay));
    ours.close();
    theirs.close();
  }
});

test('rl.write() feeds lines in non-terminal mode', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const lines = [];
    rl.on('line', (line) => lines.push(line));
    rl.write('typed\nmore');
    rl.write(Buffer.from(' text\r\n'));
    rl.close();
    return lines;
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
});

test('a line handler that writes more input sees the same lines as in Node', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const lines = [];
    rl.on('line', (line) => {
      lines.push(line);
      if (line === 'b') rl.write('inner\nwrite');
    });
    input.end('a\nb\nc\nd');
    await once(rl, 'close');
    return lines;
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
});

test('pause(), resume() and close() emit the same events in the same order', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const events = [];
    for (const name of ['pause', 'resume', 'close']) rl.on(name, () => events.push(name));
    rl.pause();
    rl.resume();
    rl.close();
    rl.close();
    return events;
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
  assert.deepEqual(await run(hotpath), ['pause', 'resume', 'pause', 'close']);
});

test('for await yields every line, like node:readline', async () => {
  async function run(readline, chunks) {
    const rl = readline.createInterface({ input: Readable.from(chunks, { objectMode: false }) });
    const lines = [];
    for await (const line of rl) lines.push(line);
    return lines;
  }
  for (const { text, chunks } of randomTexts({ seed: 33, count: 300 })) {
    assert.deepEqual(await run(hotpath, chunks), await run(nodeReadline, chunks), JSON.stringify(text));
  }
});

test('breaking out of for await only detaches: the interface stays open and later lines still arrive', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const seen = [];
    setImmediate(() => input.write('1\n2\n3\n'));
    for await (const line of rl) {
      seen.push(line);
      break;
    }
    const events = [];
    rl.on('line', (line) => events.push(line));
    input.end('4\n');
    await once(rl, 'close');
    return { seen, later: events, closed: rl.closed, again: await rl[Symbol.asyncIterator]().next() };
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
});

test('an input error rejects the for await loop', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const seen = [];
    setImmediate(() => {
      input.write('ok\n');
      setImmediate(() => input.destroy(new Error('boom')));
    });
    try {
      for await (const line of rl) seen.push(line);
    } catch (error) {
      return { seen, error: error.message };
    }
    return { seen, error: null };
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
  assert.equal((await run(hotpath)).error, 'boom');
});

test('lines emitted before the iterator exists are lost, as in Node', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    input.write('early\n');
    await new Promise((resolve) => setImmediate(resolve));
    const lines = [];
    setImmediate(() => input.end('late\n'));
    for await (const line of rl) lines.push(line);
    return lines;
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
});

test('more than 1024 unread lines pause the input, and reading them resumes it', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const events = [];
    rl.on('pause', () => events.push('pause'));
    rl.on('resume', () => events.push('resume'));
    const iterator = rl[Symbol.asyncIterator]();
    input.write(Buffer.from('x\n'.repeat(2000)));
    await new Promise((resolve) => setImmediate(resolve));
    events.push(`paused:${input.isPaused()}`);
    let count = 0;
    while (count < 2000) {
      await iterator.next();
      count++;
    }
    events.push(`paused:${input.isPaused()}`);
    rl.close();
    return events;
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
});

test('an aborted signal closes the interface', async () => {
  for (const readline of [hotpath, nodeReadline]) {
    const controller = new AbortController();
    const rl = readline.createInterface({ input: new PassThrough(), signal: controller.signal });
    const closed = once(rl, 'close');
    controller.abort();
    await closed;
    assert.equal(rl.closed, true);
  }
});

test('options are validated with the errors Node throws', () => {
  const cases = [
    { input: new PassThrough(), historySize: -1 },
    { input: new PassThrough(), completer: 1 },
    { input: new PassThrough(), signal: {} },
    { input: new PassThrough(), tabSize: 0 },
  ];
  for (const options of cases) {
    assertSameError(() => hotpath.createInterface(options), () => nodeReadline.createInterface(options), JSON.stringify(Object.keys(options)));
  }
});

test('Interface is callable without new and is a node:readline Interface', () => {
  const rl = hotpath.Interface({ input: new PassThrough() });
  assert.ok(rl instanceof hotpath.Interface);
  assert.ok(rl instanceof nodeReadline.Interface);
  assert.equal(rl.terminal, false);
  rl.close();
});

test('terminal defaults to output.isTTY', () => {
  const output = new PassThrough();
  output.isTTY = false;
  const rl = hotpath.createInterface({ input: new PassThrough(), output });
  assert.equal(rl.terminal, false);
  rl.close();
});

test('question() answers from non-terminal input, callback and promises forms', async () => {
  const input = new PassThrough();
  const rl = hotpath.createInterface({ input, output: new PassThrough() });
  const answer = new Promise((resolve) => rl.question('name? ', resolve));
  input.write('Ada\n');
  assert.equal(await answer, 'Ada');
  rl.close();

  const input2 = new PassThrough();
  const rl2 = hotpath.promises.createInterface({ input: input2, output: new PassThrough() });
  setImmediate(() => input2.write('Grace\r\n'));
  assert.equal(await rl2.question('name? '), 'Grace');
  rl2.close();
});

test('readline/promises interfaces split lines like node:readline/promises', async () => {
  for (const { text, chunks } of randomTexts({ seed: 34, count: 200 })) {
    assert.deepEqual(await eventsOf(hotpath.promises, chunks), await eventsOf(nodeReadline.promises, chunks), JSON.stringify(text));
  }
});

test('terminal mode is Node\'s own line editing', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  const rl = hotpath.createInterface({ input, output, terminal: true });
  const line = once(rl, 'line');
  input.write('ab\x7fc\r');
  assert.deepEqual(await line, ['ac']);
  rl.close();
});

// Rules that changed between Node versions: each test takes the running node:readline
// as the oracle, so it checks Node 20's rule on 20 and Node 24's on 24.

test('U+2028 and U+2029 end a line exactly where the running node:readline ends one', async () => {
  const bytes = Buffer.from('a\u2028b\u2029c\r\u2028d\u2028\ne日\u2029');
  for (let cut = 0; cut <= bytes.length; cut++) {
    const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)].filter((chunk) => chunk.length > 0);
    assert.deepEqual(await eventsOf(hotpath, chunks), await eventsOf(nodeReadline, chunks), `cut at ${cut}`);
    assert.deepEqual(
      await eventsOf(hotpath, chunks, { encoding: 'utf8' }),
      await eventsOf(nodeReadline, chunks, { encoding: 'utf8' }),
      `strings cut at ${cut}`,
    );
  }
});

test('for await reads all 400,000 lines of 64 KiB chunks, as node:readline does', async () => {
  const text = Buffer.from('some words here\n'.repeat(400_000));
  const chunks = [];
  for (let at = 0; at < text.length; at += 65536) chunks.push(text.subarray(at, at + 65536));
  async function count(readline) {
    let lines = 0;
    for await (const line of readline.createInterface({ input: Readable.from(chunks, { objectMode: false }) })) {
      if (line.length > 0) lines++;
    }
    return lines;
  }
  assert.equal(await count(hotpath), await count(nodeReadline));
  assert.equal(await count(hotpath), 400_000);
});

test('lines queued past the high-water mark drain after close as in the running node:readline', async () => {
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const events = [];
    rl.on('resume', () => events.push('resume'));
    const iterator = rl[Symbol.asyncIterator]();
    input.write(Buffer.from('x\n'.repeat(1500)));
    await new Promise((resolve) => setImmediate(resolve));
    rl.close();
    let lines = 0;
    try {
      while (!(await iterator.next()).done) lines++;
    } catch (error) {
      events.push(error.code);
    }
    return { events, lines };
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
  assert.equal((await run(hotpath)).lines, 1500);
});

test('the line iterator carries the watermark data node:readline\'s iterator carries', async () => {
  const kWatermarkData = Symbol.for('nodejs.watermarkData');
  async function run(readline) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const iterator = rl[Symbol.asyncIterator]();
    const views = [];
    const view = () => {
      const data = iterator[kWatermarkData];
      views.push(data && { size: data.size, low: data.low, high: data.high, isPaused: data.isPaused });
    };
    view();
    input.write(Buffer.from('x\n'.repeat(1100)));
    await new Promise((resolve) => setImmediate(resolve));
    view();
    for (let i = 0; i < 1100; i++) await iterator.next();
    view();
    rl.close();
    return { views, own: Object.getOwnPropertySymbols(iterator).map(String) };
  }
  assert.deepEqual(await run(hotpath), await run(nodeReadline));
});
