// End to end: requests/s of real servers compressing with hotpath against the same
// servers on Node's zlib, under autocannon on loopback with the same settings, each
// run bounded in time (BENCH_E2E_SECONDS, 2 s) and in requests
// (BENCH_E2E_MAX_REQUESTS; the 10 MiB cases by a fixed count):
//   - fastify + @fastify/compress whose `zlib` option is hotpath/zlib, against the same
//     server given node:zlib (__test__/servers/fastify.cjs);
//   - express + compression, unchanged, run under `--require hotpath/register`, against
//     the same server run plainly (__test__/servers/express.cjs).
// Each serves a 2 KB and a 25 KB JSON and a 10 MiB text file as gzip, deflate and br.
// The servers run in child processes, autocannon in this one; each run also reads the
// server's CPU time (process.cpuUsage(), via /cpu) before and after, and the note gives
// the server CPU per request. Before timing, one response of each is decoded and must be
// the same.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../__test__/helpers/server-process.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { TEXT_BYTES, smallJsonDocument } = require('../__test__/servers/content.js');

const FASTIFY = fileURLToPath(new URL('../__test__/servers/fastify.cjs', import.meta.url));
const EXPRESS = fileURLToPath(new URL('../__test__/servers/express.cjs', import.meta.url));
const SECONDS = Number(process.env.BENCH_E2E_SECONDS || 2);
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
async function load(base, route, encoding, { requests, connections }) {
  const url = base + route;
  const headers = { 'accept-encoding': encoding };
  const cpuBefore = await serverCpu(base);
  const { result, seconds } = requests
    ? await timedRequests({ url, connections, amount: requests, timeout: 60, headers })
    : await timedRun({ url, connections, duration: SECONDS, maxOverallRequests: MAX_REQUESTS, timeout: 60, headers });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  }
  const cpuMicros = (await serverCpu(base)) - cpuBefore;
  const response = await fetch(url, { headers });
  if (response.headers.get('content-encoding') !== encoding) throw new Error(`${url} did not answer in ${encoding}`);
  const body = Buffer.from(await response.arrayBuffer());
  const total = result.requests.total;
  return { nsPerRequest: (seconds * 1e9) / total, cpuNsPerRequest: (cpuMicros * 1e3) / total, body };
}

/** The server process's CPU time so far (µs), from its /cpu route. */
async function serverCpu(base) {
  const response = await fetch(`${base}/cpu`);
  return (await response.json()).cpu;
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

const ROUTES = [
  ['JSON (2 KB)', '/small', {}],
  ['JSON (25 KB)', '/json', {}],
  ['10 MiB text file', '/text', { bytes: TEXT_BYTES, requests: 24, connections: 4 }],
];
const ENCODINGS = ['gzip', 'deflate', 'br'];
const STREAM_CLASS = { gzip: 'Gzip', deflate: 'Deflate', br: 'BrotliCompress' };
const SYNC_CALL = { gzip: 'gzipSync', deflate: 'deflateSync', br: "brotliCompressSync (Node's own in hotpath)" };
// @fastify/compress compresses a body up to its sync threshold (8 KiB on 2 cores) with
// the zlib's *Sync call, bigger ones through a stream; compression always streams.
const FASTIFY_SYNC_MAX = 8 << 10;

/**
 * One row: the server on Node's zlib (`nodeURL`) against the same server on hotpath's,
 * with the server CPU per request of each (median over runs) in the note.
 */
function serverCase(server, nodeURL, hotpathURL, [label, route, { bytes, requests, connections = CONNECTIONS }], encoding) {
  const cpu = { node: [], hotpath: [] };
  const run = (side, base) => async () => {
    const outcome = await load(base, route, encoding, { requests, connections });
    cpu[side].push(outcome.cpuNsPerRequest);
    testCase.note = describe();
    return outcome;
  };
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const micros = (values) => `${(median(values) / 1e3).toFixed(0)} µs`;
  const describe = () =>
    [
      `${connections} connections, ${requests ? `${requests} requests` : `${SECONDS} s`} per run`,
      bytes ? 'requests/s × body size' : '',
      cpu.node.length && cpu.hotpath.length
        ? `server CPU per request: Node's zlib ${micros(cpu.node)}, hotpath ${micros(cpu.hotpath)} (${(median(cpu.node) / median(cpu.hotpath)).toFixed(2)}×)`
        : '',
      server.usesSyncCall(route) ? SYNC_CALL[encoding] : `${STREAM_CLASS[encoding]} streams`,
    ]
      .filter(Boolean)
      .join('; ');
  const testCase = {
    name: `${server.name}: ${label} as ${encoding}`,
    ...(bytes ? { bytes } : { unit: 'ops/s' }),
    rounds: 3,
    builtinName: server.baseline,
    builtin: run('node', nodeURL),
    hotpath: run('hotpath', hotpathURL),
    sample: async (fn) => (await fn()).nsPerRequest,
    result: (outcome) => outcome.body,
    note: describe(),
  };
  return testCase;
}

const SERVERS = [
  {
    name: 'fastify + @fastify/compress',
    baseline: 'zlib: node:zlib',
    usesSyncCall: (route) => route === '/small' && Buffer.byteLength(JSON.stringify(smallJsonDocument())) <= FASTIFY_SYNC_MAX,
    start: (contentDir) => [
      startServer(FASTIFY, { env: { CONTENT_DIR: contentDir, ZLIB_MODULE: 'node:zlib' } }),
      startServer(FASTIFY, { env: { CONTENT_DIR: contentDir, ZLIB_MODULE: 'hotpath/zlib' } }),
    ],
  },
  {
    name: 'express + compression under hotpath/register',
    baseline: 'plain node',
    usesSyncCall: () => false,
    start: (contentDir) => [
      startServer(EXPRESS, { env: { CONTENT_DIR: contentDir } }),
      startServer(EXPRESS, { env: { CONTENT_DIR: contentDir }, nodeArgs: ['--require', 'hotpath/register'] }),
    ],
  },
];

export default {
  module: 'servers',
  async cases() {
    contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-e2e-'));
    const cases = [];
    for (const server of SERVERS) {
      const pair = server.start(contentDir);
      servers.push(...pair);
      const [nodeURL, hotpathURL] = await Promise.all(pair.map((one) => one.address));
      for (const route of ROUTES) {
        for (const encoding of ENCODINGS) cases.push(serverCase(server, nodeURL, hotpathURL, route, encoding));
      }
    }
    return cases;
  },
  async teardown() {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    if (contentDir) fs.rmSync(contentDir, { recursive: true, force: true });
  },
};
