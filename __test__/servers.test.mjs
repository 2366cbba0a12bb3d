import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './helpers/server-process.mjs';

// Real servers on 127.0.0.1 compress with hotpath; independent clients (fetch, whose
// decoders are Node's own zlib, and curl, whose are the C libraries) decode every
// body, which must equal what was served.

const require = createRequire(import.meta.url);
const { jsonDocument, smallJsonDocument, textBody, streamBody } = require('./servers/content.js');

const SERVERS = {
  'fastify + @fastify/compress with hotpath/zlib': { script: '__test__/servers/fastify.cjs' },
  'express + compression under hotpath/register': {
    script: '__test__/servers/express.cjs',
    nodeArgs: ['--require', 'hotpath/register'],
  },
  'node:http with pipeline(source, createGzip(), res)': { script: '__test__/servers/http.cjs' },
};
const ENCODINGS = ['gzip', 'deflate', 'br'];
const EXPECTED = {
  '/json': { type: /^application\/json/, body: Buffer.from(JSON.stringify(jsonDocument())) },
  '/small': { type: /^application\/json/, body: Buffer.from(JSON.stringify(smallJsonDocument())) },
  '/text': { type: /^text\/plain/, body: textBody() },
  '/stream': { type: /^text\/plain/, body: streamBody() },
};

const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-servers-'));
const running = {};
// ws with permessage-deflate: one DeflateRaw and one InflateRaw per connection.
const WEBSOCKET = { script: '__test__/servers/websocket.cjs', nodeArgs: ['--require', 'hotpath/register'] };
let websocket;

before(async () => {
  for (const [name, { script, nodeArgs }] of Object.entries(SERVERS)) {
    running[name] = startServer(script, { nodeArgs, env: { CONTENT_DIR: contentDir } });
  }
  websocket = startServer(WEBSOCKET.script, { nodeArgs: WEBSOCKET.nodeArgs });
  await Promise.all([...Object.values(running), websocket].map((server) => server.address));
});

after(async () => {
  await Promise.all([...Object.values(running), websocket].map((server) => server.stop()));
  fs.rmSync(contentDir, { recursive: true, force: true });
});

function curl(url, encoding) {
  return new Promise((resolve, reject) => {
    const args = ['--silent', '--show-error', '--noproxy', '*', '--compressed', '-H', `Accept-Encoding: ${encoding}`, '-D', '-', '-o', '-'];
    // Headers and the decoded body go to stdout: headers end at the first blank line.
    const child = spawn('curl', [...args, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const pieces = [];
    let stderr = '';
    child.stdout.on('data', (piece) => pieces.push(piece));
    child.stderr.on('data', (piece) => (stderr += piece));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`curl exited ${code}: ${stderr}`));
      const all = Buffer.concat(pieces);
      const end = all.indexOf('\r\n\r\n');
      const headers = {};
      for (const line of all.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ headers, body: all.subarray(end + 4) });
    });
  });
}

async function viaFetch(url, encoding) {
  const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
  assert.equal(response.status, 200);
  return { headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
}

function checkResponse({ headers, body }, route, encoding) {
  assert.equal(headers['content-encoding'], encoding);
  assert.match(headers['content-type'], EXPECTED[route].type);
  assert.match(headers.vary || '', /accept-encoding/i);
  assert.equal(body.length, EXPECTED[route].body.length);
  assert.ok(body.equals(EXPECTED[route].body), 'decoded body equals what was served');
}

for (const name of Object.keys(SERVERS)) {
  for (const route of Object.keys(EXPECTED)) {
    for (const encoding of ENCODINGS) {
      test(`${name}: ${route} as ${encoding} decodes right in fetch and in curl --compressed`, async () => {
        const url = (await running[name].address) + route;
        checkResponse(await viaFetch(url, encoding), route, encoding);
        checkResponse(await curl(url, encoding), route, encoding);
      });
    }
  }
}

test('fastify\'s compress plugin was handed hotpath\'s zlib', async () => {
  const response = await fetch((await running['fastify + @fastify/compress with hotpath/zlib'].address) + '/which');
  assert.deepEqual(await response.json(), { hotpath: true });
});

test('express\'s compression middleware got hotpath\'s zlib from hotpath/register', async () => {
  const response = await fetch((await running['express + compression under hotpath/register'].address) + '/which');
  assert.deepEqual(await response.json(), { hotpath: true });
});

const { exchange } = require('./servers/websocket-client.cjs');
const { messages } = require('./servers/websocket-messages.js');

async function websocketURL() {
  return (await websocket.address).replace(/^http:/, 'ws:');
}

function checkExchange(result) {
  assert.match(result.extensions, /permessage-deflate/, 'permessage-deflate was negotiated');
  assert.equal(result.sent, messages(1).length);
  assert.equal(result.matched, result.sent, 'every echo came back whole');
}

test('ws with permessage-deflate: a client and a server both under hotpath/register exchange every message', async () => {
  const child = spawn(process.execPath, ['--require', 'hotpath/register', '__test__/servers/websocket-client.cjs', await websocketURL(), '1'], {
    cwd: path.join(path.dirname(new URL(import.meta.url).pathname), '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (piece) => (stdout += piece));
  child.stderr.on('data', (piece) => (stderr += piece));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  checkExchange(JSON.parse(stdout));
});

test('ws with permessage-deflate: a client on Node\'s own zlib and the server under hotpath/register understand each other', async () => {
  checkExchange(await exchange(await websocketURL(), 2));
});

test('ws got hotpath\'s zlib from hotpath/register', async () => {
  const response = await fetch(await websocket.address);
  assert.deepEqual(await response.json(), { hotpath: true });
});

test('the servers wrote nothing to stderr (no warning, no error)', () => {
  for (const [name, server] of Object.entries(running)) assert.equal(server.stderr(), '', name);
  assert.equal(websocket.stderr(), '', 'websocket');
});
