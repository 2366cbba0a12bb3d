// End to end: requests/s of one fastify + @fastify/compress server whose `zlib` option
// is hotpath/zlib against the same server given node:zlib, under autocannon on
// loopback with the same settings, each run bounded in time (BENCH_E2E_SECONDS, 3 s)
// and in requests (BENCH_E2E_MAX_REQUESTS; the 10 MiB case by a fixed count). The
// servers are __test__/servers/fastify.cjs in child processes; autocannon runs in this
// one. Before timing, one response of each is decoded and must be the same.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../__test__/helpers/server-process.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { TEXT_BYTES } = require('../__test__/servers/content.js');

const SERVER = fileURLToPath(new URL('../__test__/servers/fastify.cjs', import.meta.url));
const SECONDS = Number(process.env.BENCH_E2E_SECONDS || 3);
const MAX_REQUESTS = Number(process.env.BENCH_E2E_MAX_REQUESTS || 1_000_000);
const CONNECTIONS = 8;

let servers = [];
let contentDir = null;

/**
 * requests/s under autocannon, as ns per request, and one decoded body to compare.
 * `load` bounds a run by time (small bodies: thousands of requests, capped) or by a
 * request count (10 MiB bodies: a handful per connection would make a timed run's
 * whole-request count too coarse), never neither.
 */
async function load(url, encoding, { requests, connections }) {
  const headers = { 'accept-encoding': encoding };
  const { result, seconds } = requests
    ? await timedRequests({ url, connections, amount: requests, timeout: 60, headers })
    : await timedRun({ url, connections, duration: SECONDS, maxOverallRequests: MAX_REQUESTS, timeout: 60, headers });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  }
  const response = await fetch(url, { headers });
  if (response.headers.get('content-encoding') !== encoding) throw new Error(`${url} did not answer in ${encoding}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { nsPerRequest: (seconds * 1e9) / result.requests.total, body };
}

async function timedRun(options) {
  const result = await autocannon(options);
  return { result, seconds: result.duration };
}

/**
 * A run of `amount` requests, timed here from the start to the last response:
 * autocannon notices the count only at its once-a-second tick, so its own duration
 * of such a run is whole seconds.
 */
function timedRequests(options) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let last = start;
    const instance = autocannon(options, (error, result) => {
      if (error) reject(error);
      else resolve({ result, seconds: (last - start) / 1e3 });
    });
    instance.on('response', () => {
      last = performance.now();
    });
  });
}

export default {
  module: 'servers',
  async cases() {
    contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-e2e-'));
    const start = (zlib) => startServer(SERVER, { env: { CONTENT_DIR: contentDir, ZLIB_MODULE: zlib } });
    servers = [start('node:zlib'), start('hotpath/zlib')];
    const [nodeURL, hotpathURL] = await Promise.all(servers.map((server) => server.address));
    const serverCase = (name, route, encoding, { bytes, requests, connections = CONNECTIONS } = {}) => ({
      name: `fastify + @fastify/compress: ${name}`,
      ...(bytes ? { bytes } : { unit: 'ops/s' }),
      rounds: 5,
      builtinName: 'zlib: node:zlib',
      builtin: () => load(nodeURL + route, encoding, { requests, connections }),
      hotpath: () => load(hotpathURL + route, encoding, { requests, connections }),
      sample: async (fn) => (await fn()).nsPerRequest,
      result: (outcome) => outcome.body,
      note: [
        `${connections} connections, ${requests ? `${requests} requests` : `${SECONDS} s`} per run`,
        bytes ? 'requests/s × body size' : '',
        // Above @fastify/compress's sync threshold (8 KiB on 2 cores, 64 KiB on 1)
        // every body goes through a create*() stream of the zlib it was given.
        `${encoding === 'br' ? 'BrotliCompress' : 'Gzip'} streams`,
      ]
        .filter(Boolean)
        .join('; '),
    });
    return [
      serverCase('JSON (25 KB) as gzip', '/json', 'gzip'),
      serverCase('JSON (25 KB) as br', '/json', 'br'),
      serverCase('10 MiB text file as gzip', '/text', 'gzip', { bytes: TEXT_BYTES, requests: 48, connections: 4 }),
    ];
  },
  async teardown() {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    if (contentDir) fs.rmSync(contentDir, { recursive: true, force: true });
  },
};
