'use strict';

// fastify + @fastify/compress handed hotpath's zlib face (or, for the bench's
// baseline, Node's: ZLIB_MODULE=node:zlib). Serves /json, /small, /text and /stream (and /cpu for the bench).

const fastify = require('fastify');
const compress = require('@fastify/compress');
const fs = require('node:fs');
const { jsonDocument, smallJsonDocument, cpuMicros, textFile, pieceStream, announce } = require('./content.js');

const zlib = require(process.env.ZLIB_MODULE || 'hotpath/zlib');
const file = textFile(process.env.CONTENT_DIR);
const json = jsonDocument();
const small = smallJsonDocument();

async function main() {
  const app = fastify();
  await app.register(compress, { zlib });
  app.get('/json', async () => json);
  app.get('/small', async () => small);
  app.get('/cpu', async () => cpuMicros());
  app.get('/text', (request, reply) => reply.type('text/plain').send(fs.createReadStream(file)));
  app.get('/stream', (request, reply) => reply.type('text/plain').send(pieceStream()));
  app.get('/which', async () => ({ hotpath: zlib === require('hotpath/zlib') }));
  announce(await app.listen({ host: '127.0.0.1', port: 0 }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
