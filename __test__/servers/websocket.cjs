'use strict';

// A ws server with permessage-deflate (every message compressed: threshold 0), as its
// README shows it: no mention of hotpath. The test starts it under
// `node --require hotpath/register`, which hands ws hotpath's zlib face. Each message
// comes back as `echo:` + the message, in the frame type it came in.

const { WebSocketServer } = require('ws');
const http = require('node:http');
const { listenOnLoopback } = require('./content.js');

const server = http.createServer((request, response) => {
  // What ws's own require('zlib') got.
  const used = require(require.resolve('zlib', { paths: [require.resolve('ws')] }));
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ hotpath: used === require('hotpath/zlib') }));
});
const sockets = new WebSocketServer({ server, perMessageDeflate: { threshold: 0 } });
sockets.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    socket.send(Buffer.concat([Buffer.from('echo:'), data]), { binary: isBinary });
  });
});

listenOnLoopback(server);
