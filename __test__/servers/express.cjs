'use strict';

// express + compression exactly as their READMEs show them: no mention of hotpath.
// The test starts it under `node --require hotpath/register`, which hands compression
// hotpath's zlib face. Serves /json, /small, /text and /stream (and /cpu for the bench).

const express = require('express');
const compression = require('compression');
const fs = require('node:fs');
const { jsonDocument, smallJsonDocument, cpuMicros, textFile, pieceStream, listenOnLoopback } = require('./content.js');

const file = textFile(process.env.CONTENT_DIR);
const json = jsonDocument();
const small = smallJsonDocument();

const app = express();
app.use(compression());
app.get('/json', (request, response) => response.json(json));
app.get('/small', (request, response) => response.json(small));
app.get('/cpu', (request, response) => response.json(cpuMicros()));
app.get('/text', (request, response) => {
  response.type('text/plain');
  fs.createReadStream(file).pipe(response);
});
app.get('/stream', (request, response) => {
  response.type('text/plain');
  pieceStream().pipe(response);
});
// What compression's own require('zlib') got.
app.get('/which', (request, response) => {
  const used = require(require.resolve('zlib', { paths: [require.resolve('compression')] }));
  response.json({ hotpath: used === require('hotpath/zlib') });
});

listenOnLoopback(require('node:http').createServer(app));
