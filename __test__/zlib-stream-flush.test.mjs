// flush() with each kind, and params() with data pending, on hotpath's deflate-family
// streams: after the callback, the output so far must decode to exactly what was
// written. Node's own streams are held to the same check, so the check itself is sound.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import node from 'node:zlib';
import { seededRandom, randomPieces } from './helpers/random.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/zlib');
const { Z_SYNC_FLUSH, Z_PARTIAL_FLUSH, Z_FULL_FLUSH, Z_BEST_COMPRESSION, Z_FILTERED } = node.constants;

const COMPRESSORS = [
  ['createGzip', 'gunzipSync'],
  ['createDeflate', 'inflateSync'],
  ['createDeflateRaw', 'inflateRawSync'],
];
const FLUSHES = { Z_SYNC_FLUSH, Z_PARTIAL_FLUSH, Z_FULL_FLUSH };

/** A stream with its output gathered as it comes. */
function collecting(stream) {
  const pieces = [];
  stream.on('data', (piece) => pieces.push(piece));
  return { stream, soFar: () => Buffer.concat(pieces) };
}

/** What the output so far decodes to, read as a receiver mid-stream reads it. */
function decodedSoFar(decode, output) {
  return node[decode](output, { finishFlush: Z_SYNC_FLUSH });
}

function textOf(random, length) {
  const words = ['flush', 'must', 'emit', 'every', 'byte', 'written', 'so', 'far', '{"id":', '12}', '\n'];
  let text = '';
  while (text.length < length) text += `${random.pick(words)} `;
  return Buffer.from(text.slice(0, length));
}

for (const [create, decode] of COMPRESSORS) {
  for (const [kindName, kind] of Object.entries(FLUSHES)) {
    test(`${create}: small writes then flush(${kindName}) make all of them decodable`, async () => {
      const random = seededRandom(kind * 31 + create.length);
      for (const zlib of [node, hotpath]) {
        const { stream, soFar } = collecting(zlib[create]());
        let written = Buffer.alloc(0);
        // Several messages on one stream, each under 1 KiB, each flushed.
        for (let message = 0; message < 6; message++) {
          const body = textOf(random, random.int(1, 900));
          for (const piece of randomPieces(random, body, 200)) stream.write(piece);
          await new Promise((resolve) => stream.flush(kind, resolve));
          written = Buffer.concat([written, body]);
          assert.deepEqual(decodedSoFar(decode, soFar()), written, `${zlib === node ? 'node' : 'hotpath'} message ${message}`);
        }
        stream.destroy();
      }
    });
  }

  test(`${create}: params() with data pending flushes it first, and the stream stays one valid stream`, async () => {
    const random = seededRandom(77 + create.length);
    const { stream, soFar } = collecting(hotpath[create]({ level: 1 }));
    const first = textOf(random, 700);
    const second = textOf(random, 5000);
    stream.write(first);
    await new Promise((resolve) => stream.params(Z_BEST_COMPRESSION, Z_FILTERED, resolve));
    assert.deepEqual(decodedSoFar(decode, soFar()), first);
    stream.end(second);
    await new Promise((resolve) => stream.on('end', resolve));
    assert.deepEqual(node[decode](soFar()), Buffer.concat([first, second]));
  });
}
