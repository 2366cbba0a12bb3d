'use strict';

// Plain node:http: each body goes through pipeline(source, hotpath compressor, res),
// the encoding picked from Accept-Encoding. Serves /json, /small, /text and /stream.

const http = require('node:http');
const fs = require('node:fs');
const { Readable, pipeline } = require('node:stream');
const { createGzip, createDeflate, createBrotliCompress, constants } = require('hotpath/zlib');
const { jsonDocument, smallJsonDocument, textFile, pieceStream, listenOnLoopback } = require('./content.js');

const file = textFile(process.env.CONTENT_DIR);
const json = JSON.stringify(jsonDocument());
const small = JSON.stringify(smallJsonDocument());

const ENCODERS = {
  br: () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: () => createGzip(),
  deflate: () => createDeflate(),
};

function chooseEncoding(header = '') {
  const offered = header.split(',').map((part) => part.split(';')[0].trim());
  return ['br', 'gzip', 'deflate'].find((name) => offered.includes(name));
}

const SOURCES = {
  '/json': () => ({ type: 'application/json; charset=utf-8', body: Readable.from([json]) }),
  '/small': () => ({ type: 'application/json; charset=utf-8', body: Readable.from([small]) }),
  '/text': () => ({ type: 'text/plain', body: fs.createReadStream(file) }),
  '/stream': () => ({ type: 'text/plain', body: pieceStream() }),
};

const server = http.createServer((request, response) => {
  const source = SOURCES[request.url];
  if (!source) {
    response.writeHead(404).end();
    return;
  }
  const { type, body } = source();
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const headers = { 'content-type': type, vary: 'Accept-Encoding' };
  if (!encoding) {
    response.writeHead(200, headers);
    pipeline(body, response, () => {});
    return;
  }
  response.writeHead(200, { ...headers, 'content-encoding': encoding });
  pipeline(body, ENCODERS[encoding](), response, (error) => {
    if (error) response.destroy(error);
  });
});

listenOnLoopback(server);
