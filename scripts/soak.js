'use strict';

// `npm run soak [-- 24 20]`: hours of use squeezed into minutes, under each Node asked
// for (default 24 and 20; binaries as for test:matrix). Not part of npm test or CI.
//
//   - 10,000 zlib and brotli streams of every class created, used and destroyed
//     (ended, destroyed mid-stream, or destroyed unused);
//   - 1 GiB each through gzip -> gunzip, brotliCompress -> brotliDecompress,
//     readline's createInterface and lines(), and StringDecoder;
//   - 10,000 Hash and Hmac objects, with copies;
//   - the addon loaded in 20 Workers, one after another.
//
// RSS, V8 heap and `external` are printed after a warm-up round (start), halfway and
// at the end, each after a full GC. It passes when each grew by less than GROWTH_BOUND
// from start to end. HOTPATH_SOAK_GIB scales the pipelines (default 1 GiB each);
// HOTPATH_SOAK_TRACE=1 prints RSS after each phase.

const path = require('node:path');
const { spawnSync } = require('node:child_process');

const GROWTH_BOUND = 32 << 20;
const GIB = Number(process.env.HOTPATH_SOAK_GIB ?? 1) * 2 ** 30;

if (process.argv[2] !== '--child') {
  const { binaryFor, installMissing, askedMajors, SUPPORTED } = require('./node-versions.js');
  const { majors } = askedMajors(process.argv.slice(2), [24, 20]);
  const unavailable = installMissing(majors, 'soak');
  let failed = false;
  for (const major of majors.filter((m) => SUPPORTED.includes(m))) {
    if (unavailable.includes(major)) {
      console.log(`soak: Node ${major} is not available here, skipped`);
      failed = true;
      continue;
    }
    const run = spawnSync(binaryFor(major), ['--expose-gc', __filename, '--child'], { stdio: 'inherit' });
    if (run.status !== 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

const { Readable, Writable, pipeline } = require('node:stream');
const { Worker } = require('node:worker_threads');
const root = path.join(__dirname, '..');
const zlib = require(path.join(root, 'lib/zlib.js'));
const crypto = require(path.join(root, 'lib/crypto.js'));
const readline = require(path.join(root, 'lib/readline.js'));
const { StringDecoder } = require(path.join(root, 'lib/string_decoder.js'));

const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const text = Buffer.from('the quick brown fox jumps over the lazy dog; ünïcödé ✓ 日本語 😀\n'.repeat(16384));

async function settled() {
  for (let i = 0; i < 4; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Kept buffers (zlib's sync output, WHATWG decode scratch) are let go after idling.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  global.gc();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

/** Repeats `text` up to `total` bytes, as a stream that honours backpressure. */
function source(total, chunk = text) {
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      this.push(piece);
    },
  });
}

function counter() {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  });
  sink.bytes = 0;
  return sink;
}

function piped(...streams) {
  return new Promise((resolve, reject) => pipeline(...streams, (error) => (error ? reject(error) : resolve())));
}

const CLASSES = ['Gzip', 'Deflate', 'DeflateRaw', 'BrotliCompress'];
const INVERSE = { Gzip: 'Gunzip', Deflate: 'Inflate', DeflateRaw: 'InflateRaw', BrotliCompress: 'BrotliDecompress' };
const packed = Object.fromEntries(CLASSES.map((name) => [name, zlib[`${name[0].toLowerCase()}${name.slice(1)}Sync`](text.subarray(0, 40000))]));

async function manyStreams(count) {
  for (let i = 0; i < count; i++) {
    const name = CLASSES[i % CLASSES.length];
    const compress = i % 2 === 0;
    const stream = zlib[`create${compress ? name : INVERSE[name]}`]();
    const input = compress ? text.subarray(0, 40000) : packed[name];
    const fate = i % 3;
    stream.on('error', () => {});
    if (fate === 2) {
      stream.destroy();
      continue;
    }
    const sink = counter();
    if (fate === 0) {
      await piped(Readable.from([input]), stream, sink);
    } else {
      stream.pipe(sink);
      stream.write(input.subarray(0, input.length >> 1));
      await new Promise((resolve) => setImmediate(resolve));
      stream.destroy();
    }
  }
}

async function zlibPipelines(total) {
  const sink = counter();
  await piped(source(total), zlib.createGzip({ level: 1 }), zlib.createGunzip(), sink);
  if (sink.bytes !== total) throw new Error(`gzip -> gunzip gave ${sink.bytes} of ${total} bytes`);
  const brotliSink = counter();
  const { BROTLI_PARAM_QUALITY } = zlib.constants;
  await piped(source(total), zlib.createBrotliCompress({ params: { [BROTLI_PARAM_QUALITY]: 1 } }), zlib.createBrotliDecompress(), brotliSink);
  if (brotliSink.bytes !== total) throw new Error(`brotli gave ${brotliSink.bytes} of ${total} bytes`);
}

async function textPipelines(total) {
  const expected = (total / text.length) * 16384;
  let lines = 0;
  for await (const _line of readline.createInterface({ input: source(total), crlfDelay: Infinity })) lines++;
  if (lines !== expected) throw new Error(`createInterface read ${lines} lines, expected ${expected}`);
  let batched = 0;
  for await (const batch of readline.lines(source(total), { batch: true })) batched += batch.length;
  if (batched !== expected) throw new Error(`lines() read ${batched} lines, expected ${expected}`);
  const decoder = new StringDecoder('utf8');
  let characters = 0;
  const odd = text.subarray(0, 65537); // cuts characters, so the decoder carries bytes over
  for (let done = 0; done < total; done += odd.length) characters += decoder.write(odd).length;
  characters += decoder.end().length;
  if (characters === 0) throw new Error('StringDecoder decoded nothing');
}

function manyHashes(count) {
  let last = '';
  for (let i = 0; i < count; i++) {
    const hash = i % 2 === 0 ? crypto.createHash(['sha256', 'sha1', 'md5', 'sha512'][i % 4]) : crypto.createHmac('sha256', `key ${i}`);
    hash.update(text.subarray(0, 100 + (i % 5000)));
    if (i % 10 === 0 && hash.copy) hash.copy().digest();
    last = hash.digest('hex');
  }
  return last;
}

async function workersInTurn(count) {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const zlib = require(${JSON.stringify(path.join(root, 'lib/zlib.js'))});
    const data = zlib.gzipSync(Buffer.alloc(1 << 20, 'w'));
    parentPort.postMessage(zlib.gunzipSync(data).length);
  `;
  for (let i = 0; i < count; i++) {
    await new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true });
      worker.once('message', (length) => {
        if (length !== 1 << 20) reject(new Error(`worker ${i} got ${length}`));
        worker.terminate().then(() => resolve());
      });
      worker.once('error', reject);
    });
  }
}

/** Half the soak (at scale 1): two rounds make the totals above. */
async function round(scale) {
  // Whole copies of `text`, so line counts are exact.
  const bytes = Math.max(1, Math.round((GIB / 2) * scale / text.length)) * text.length;
  const phases = {
    streams: () => manyStreams(Math.ceil(5000 * scale)),
    zlib: () => zlibPipelines(bytes),
    text: () => textPipelines(bytes),
    hashes: () => manyHashes(Math.ceil(5000 * scale)),
    workers: () => workersInTurn(Math.ceil(10 * scale)),
  };
  for (const [name, phase] of Object.entries(phases)) {
    await phase();
    if (process.env.HOTPATH_SOAK_TRACE) console.log(`  after ${name}: rss ${MiB(process.memoryUsage().rss)}`);
  }
}

async function main() {
  const started = Date.now();
  console.log(`soak on Node ${process.versions.node}`);
  // Warm-up, one full round: thread pools, codec caches and the allocator's own
  // high-water mark (glibc keeps freed memory in its arenas; C brotli's pattern
  // raises it for a while, under Node's built-in as much as here) settle before the
  // start mark, so what grows after it is what stays.
  await round(1);
  const marks = [['start', await settled()]];
  await round(1);
  marks.push(['middle', await settled()]);
  await round(1);
  marks.push(['end', await settled()]);
  const start = marks[0][1];
  for (const [name, mark] of marks) {
    console.log(`  ${name.padEnd(6)} rss ${MiB(mark.rss).padStart(10)}  heap ${MiB(mark.heapUsed).padStart(9)}  external ${MiB(mark.external).padStart(9)}`);
  }
  const end = marks[2][1];
  const growth = { rss: end.rss - start.rss, heap: end.heapUsed - start.heapUsed, external: end.external - start.external };
  const ok = Object.values(growth).every((grown) => grown < GROWTH_BOUND);
  console.log(
    `  growth rss ${MiB(growth.rss)}, heap ${MiB(growth.heap)}, external ${MiB(growth.external)} (bound ${MiB(GROWTH_BOUND)} each): ` +
      `${ok ? 'pass' : 'FAIL'} in ${((Date.now() - started) / 1000).toFixed(0)} s` +
      ' — 10,000 zlib/brotli streams, 1 GiB per pipeline, 10,000 Hash/Hmac, 20 Workers',
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
