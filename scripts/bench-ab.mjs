// `npm run bench:ab -- <other checkout>`: times this checkout's faces against another
// checkout's (built, e.g. a `git worktree` of an earlier commit) and the built-in, in
// one process, alternating round by round (benches/harness.mjs; only the two are timed,
// so neither sits next to the built-in), on the rows where a change to how calls are
// routed and how async work holds its input shows: small sync and callback calls, big
// sync and callback compression, a decompressing stream, a StringDecoder, the
// createHash and createHmac chains, hashMany, and async sorts over an ArrayBuffer and a
// SharedArrayBuffer. Prints each row's medians and the ratio this / other; nothing is
// written. The built-in's result is checked, not timed.

import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { timeCase } from '../benches/harness.mjs';
import { checkSameResult } from '../benches/same-result.mjs';
import { englishText, japaneseText, chunksOf, JSON_1K } from '../benches/corpus.mjs';
import { throughStream } from '../benches/through-stream.mjs';

const require = createRequire(import.meta.url);
const HERE = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const OTHER = process.argv[2] && path.resolve(process.argv[2]);
if (!OTHER) {
  console.error('usage: npm run bench:ab -- <other checkout>');
  process.exit(2);
}

const faces = (root) => ({
  zlib: require(path.join(root, 'lib', 'zlib.js')),
  crypto: require(path.join(root, 'lib', 'crypto.js')),
  workers: require(path.join(root, 'lib', 'workers.js')),
  string_decoder: require(path.join(root, 'lib', 'string_decoder.js')),
});
const node = { zlib: require('node:zlib'), crypto: require('node:crypto'), string_decoder: require('node:string_decoder') };
const ours = faces(HERE);
const theirs = faces(OTHER);

const MiB = 1 << 20;
const TEXT = englishText(64 * MiB);
const GZIPPED_CHUNKS = chunksOf(node.zlib.gzipSync(TEXT), 64 << 10);
const HASH_INPUTS = Array.from({ length: 10000 }, () => randomBytes(1024));
const DOUBLES = new Float64Array(10_000_000).map((_, i) => Math.sin(i * 12.9898) * 43758.5453);

const roundTrip = (z) => {
  const [gzip, gunzip] = [promisify(z.gzip), promisify(z.gunzip)];
  return async () => gunzip(await gzip(JSON_1K));
};
const sharedCopy = (values) => {
  const copy = new Float64Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
};
const syncRoundTrip = (z) => () => z.gunzipSync(z.gzipSync(JSON_1K));
// Japanese text in 1 KiB chunks, cut inside characters, as the string_decoder bench cuts it.
const JAPANESE_CHUNKS = chunksOf(japaneseText(256 << 10), 1024);
const decodeAll = (sd) => () => {
  const decoder = new sd.StringDecoder('utf8');
  let length = 0;
  for (const chunk of JAPANESE_CHUNKS) length += decoder.write(chunk).length;
  return length + decoder.end().length;
};
const sortedEnds = (array) => [array[0], array[array.length >> 1], array[array.length - 1]];

const LONG = { rounds: 5, minSamples: 1 };
const cases = [
  { name: '1 KiB JSON gzipSync + gunzipSync', unit: 'ops/s', make: (f) => syncRoundTrip((f || node).zlib), expected: JSON_1K },
  { name: 'gzipSync 1 MiB', make: (f) => () => (f || node).zlib.gzipSync(TEXT.subarray(0, MiB)), result: (out) => node.zlib.gunzipSync(out).length },
  { name: 'StringDecoder utf8 write(), 1 KiB Japanese chunks', make: (f) => decodeAll((f || node).string_decoder) },
  {
    name: "sha256 createHash().update(1 KiB).digest('hex')",
    unit: 'ops/s',
    make: (f) => () => (f || node).crypto.createHash('sha256').update(JSON_1K).digest('hex'),
  },
  {
    name: "hmac-sha256 createHmac().update(1 KiB).digest('hex')",
    unit: 'ops/s',
    make: (f) => () => (f || node).crypto.createHmac('sha256', 'key').update(JSON_1K).digest('hex'),
  },
  { name: '1 KiB JSON gzip + gunzip (callbacks)', unit: 'ops/s', make: (f) => (f ? roundTrip(f.zlib) : roundTrip(node.zlib)), expected: JSON_1K },
  {
    name: 'gzip(buf, cb) 64 MiB',
    make: (f) => () => promisify((f || node).zlib.gzip)(TEXT),
    result: (out) => node.zlib.gunzipSync(out).length,
    ...LONG,
  },
  { name: 'gunzip stream, 64 KiB writes, 64 MiB', make: (f) => () => throughStream((f || node).zlib.createGunzip(), GZIPPED_CHUNKS), ...LONG },
  {
    name: 'hashMany sha256, 10,000 × 1 KiB',
    make: (f) => (f ? () => f.crypto.hashMany('sha256', HASH_INPUTS) : () => HASH_INPUTS.map((input) => node.crypto.hash('sha256', input))),
  },
  {
    name: 'await sort() 10M Float64, ArrayBuffer (a fresh copy each call)',
    make: (f) => (f ? async () => sortedEnds(await f.workers.sort(DOUBLES.slice())) : () => sortedEnds(DOUBLES.slice().sort())),
    ...LONG,
  },
  {
    name: 'await sort() 10M Float64, SharedArrayBuffer (a fresh copy each call)',
    make: (f) => (f ? async () => sortedEnds(await f.workers.sort(sharedCopy(DOUBLES))) : () => sortedEnds(sharedCopy(DOUBLES).sort())),
    ...LONG,
  },
];

console.log(`A/B on Node ${process.version}: this checkout vs ${OTHER}`);
for (const { make, name, ...rest } of cases) {
  await checkSameResult({ name, ...rest, builtin: make(null), hotpath: make(ours), peers: { other: make(theirs) } });
  const times = await timeCase({ name, ...rest, builtinName: 'other', builtin: make(theirs), hotpath: make(ours) });
  const ms = (ns) => `${(ns / 1e6).toFixed(3)} ms`;
  console.log(
    `${name}: this ${ms(times.hotpath)}, other ${ms(times.other)}; ` +
      `this/other time ${(times.hotpath / times.other).toFixed(3)} (above 1 = this is slower)`,
  );
}
