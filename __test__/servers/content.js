'use strict';

// What every test server serves, built the same way in the server and in the test
// that checks the bodies: a JSON document, a 10 MiB text file and a generated stream.

const fs = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');

const TEXT_BYTES = 10 * 1024 * 1024;
const SMALL_JSON_ITEMS = 32;

/** The small JSON response (~2 KB): an API answer, what most compressed responses are. */
function smallJsonDocument() {
  return jsonDocument(SMALL_JSON_ITEMS);
}

/** The server process's CPU time so far, in microseconds (the bench's CPU per request). */
function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return { cpu: user + system };
}
const STREAM_PIECES = 200;

/** A catalogue of `count` items: 400 make ~25 KB of JSON, 32 make ~2 KB. */
function jsonDocument(count = 400) {
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({ id: i, name: `item ${i}`, tags: ['a', 'b', String(i % 7)], price: (i * 37) % 1000 / 10 });
  }
  return { kind: 'catalogue', count: items.length, items };
}

/** Text with some repetition and some variety, as logs and pages have. */
function textBody(bytes = TEXT_BYTES) {
  const lines = [];
  let size = 0;
  let seed = 12345;
  while (size < bytes) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const line = `${String(seed % 100000).padStart(5, '0')} GET /path/${seed % 997}/index.html 200 ${seed % 65536} "hotpath test client"\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

/** Writes the text file once per directory and returns its path. */
function textFile(dir) {
  const file = path.join(dir, 'ten-mib.txt');
  if (!fs.existsSync(file)) fs.writeFileSync(file, textBody());
  return file;
}

function streamPiece(i) {
  return `piece ${i}: ${'streamed text '.repeat(20 + (i % 13))}\n`;
}

/** A stream of STREAM_PIECES pieces, produced as they are read (no known length). */
function pieceStream() {
  let i = 0;
  return new Readable({
    read() {
      this.push(i < STREAM_PIECES ? streamPiece(i++) : null);
    },
  });
}

function streamBody() {
  let out = '';
  for (let i = 0; i < STREAM_PIECES; i++) out += streamPiece(i);
  return Buffer.from(out);
}

/** Prints the server's address for the test that started it (helpers/server-process.mjs). */
function announce(address) {
  process.stdout.write(`listening ${address}\n`);
}

/** Starts an http.Server on a free port of 127.0.0.1 and announces it. */
function listenOnLoopback(server) {
  server.listen(0, '127.0.0.1', () => {
    const { address, port } = server.address();
    announce(`http://${address}:${port}`);
  });
}

module.exports = { jsonDocument, smallJsonDocument, cpuMicros, textBody, textFile, pieceStream, streamBody, announce, listenOnLoopback, TEXT_BYTES };
