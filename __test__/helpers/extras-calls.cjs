'use strict';

// One call of every extra of every face, for the fallback test: run without the
// native addon, each must either say it needs the addon (code
// HOTPATH_NATIVE_UNAVAILABLE) or, for the few listed in WORKS_WITHOUT_ADDON, give
// the same answer through the built-in.

const bytes = () => Buffer.from('hotpath, hotpath');
const floats = () => new Float64Array([3, 1, 2]);

const CALLS = {
  zlib: {
    deflateMany: (z) => z.deflateMany(['x']),
    inflateMany: (z) => z.inflateMany([]),
    gzipMany: (z) => z.gzipMany(['x']),
    gunzipMany: (z) => z.gunzipMany([]),
    deflateRawMany: (z) => z.deflateRawMany(['x']),
    inflateRawMany: (z) => z.inflateRawMany([]),
    unzipMany: (z) => z.unzipMany([]),
    brotliCompressMany: (z) => z.brotliCompressMany(['x']),
    brotliDecompressMany: (z) => z.brotliDecompressMany([]),
  },
  crypto: {
    hmac: (c) => c.hmac('sha256', 'key', 'data'),
    hashMany: (c) => c.hashMany('sha256', ['a']),
    hashManySync: (c) => c.hashManySync('sha256', ['a']),
    hashFile: (c) => c.hashFile(__filename, 'sha256'),
    hashFiles: (c) => c.hashFiles([__filename], 'sha256'),
  },
  string_decoder: {
    encodingExists: (s) => s.encodingExists('latin1'),
    decode: (s) => s.decode(bytes(), 'gbk'),
    encode: (s) => s.encode('x', 'shift_jis'),
    createDecodeStream: (s) => s.createDecodeStream('euc-kr'),
    createEncodeStream: (s) => s.createEncodeStream('big5'),
  },
  readline: {
    lines: (r) => r.lines(['a\nb']),
    split: (r) => typeof r.split().pipe,
    jsonLines: (r) => r.jsonLines(['{}']),
    countLines: (r) => r.countLines(__filename),
  },
  buffer: {
    count: (b) => b.count(bytes(), 'h'),
    indexOfAll: (b) => b.indexOfAll(bytes(), 'h'),
    split: (b) => b.split(bytes(), ','),
    indexOfAny: (b) => b.indexOfAny(bytes(), [0x2c]),
    Searcher: (b) => new b.Searcher('path'),
    indexOf: (b) => b.indexOf(bytes(), 'path'),
    lastIndexOf: (b) => b.lastIndexOf(bytes(), 'path'),
    includes: (b) => b.includes(bytes(), 'path'),
    install: (b) => b.install(),
    uninstall: (b) => b.uninstall(),
  },
  workers: {
    threads: (w) => w.threads(),
    setThreads: (w) => w.setThreads(1),
    sort: (w) => w.sort(floats()),
    sortSync: (w) => w.sortSync(floats()),
    argsort: (w) => w.argsort(floats()),
    argsortSync: (w) => w.argsortSync(floats()),
    reduce: (w) => w.reduce(floats(), 'sum'),
    reduceSync: (w) => w.reduceSync(floats(), 'sum'),
    stats: (w) => w.stats(floats()),
    statsSync: (w) => w.statsSync(floats()),
    histogram: (w) => w.histogram(floats(), { bins: 2, min: 0, max: 4 }),
    histogramSync: (w) => w.histogramSync(floats(), { bins: 2, min: 0, max: 4 }),
  },
};

// Extras whose answer Node itself can give: they keep working without the addon, with
// the built-in's answer (what they return is checked against it).
const WORKS_WITHOUT_ADDON = {
  'crypto.hmac': () => require('node:crypto').createHmac('sha256', 'key').update('data').digest('hex'),
  'string_decoder.encodingExists': () => true,
  'readline.split': () => 'function',
  'buffer.indexOf': () => bytes().indexOf('path'),
  'buffer.lastIndexOf': () => bytes().lastIndexOf('path'),
  'buffer.includes': () => bytes().includes('path'),
  'buffer.install': () => undefined,
  'buffer.uninstall': () => undefined,
};

// Extras that return a promise: without the addon they reject, never throw.
const RETURNS_PROMISE = new Set([
  ...Object.keys(CALLS.zlib).map((name) => `zlib.${name}`),
  'crypto.hashMany', 'crypto.hashFile', 'crypto.hashFiles', 'readline.countLines',
  'workers.sort', 'workers.argsort', 'workers.reduce', 'workers.stats', 'workers.histogram',
]);

/** What each extra did: 'needs-addon', 'same-as-built-in', or what went wrong. */
async function outcomes(load) {
  const seen = {};
  for (const [face, calls] of Object.entries(CALLS)) {
    const module = load(face);
    for (const [name, call] of Object.entries(calls)) {
      const key = `${face}.${name}`;
      let value;
      try {
        try {
          value = call(module);
        } catch (error) {
          if (!RETURNS_PROMISE.has(key)) throw error;
          throw Object.assign(new Error(`threw instead of rejecting: ${error.message}`), { code: 'SYNC_THROW' });
        }
        if (RETURNS_PROMISE.has(key) && !(value instanceof Promise)) throw new Error('returned no promise');
        if (value && typeof value.then === 'function') value = await value;
        else if (value && typeof value.next === 'function') value = await value.next();
      } catch (error) {
        seen[key] =
          error.code === 'HOTPATH_NATIVE_UNAVAILABLE' && /needs the native addon/.test(error.message)
            ? 'needs-addon'
            : `threw ${error.code}: ${error.message}`;
        continue;
      }
      const expected = WORKS_WITHOUT_ADDON[key];
      seen[key] = expected && JSON.stringify(expected()) === JSON.stringify(value) ? 'same-as-built-in' : `returned ${String(value)}`;
    }
  }
  return seen;
}

module.exports = { CALLS, WORKS_WITHOUT_ADDON, RETURNS_PROMISE, outcomes };
