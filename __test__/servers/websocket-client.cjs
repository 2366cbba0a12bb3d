'use strict';

// node websocket-client.cjs <ws://…> <seed>: a ws client with permessage-deflate that
// sends the messages of websocket-messages.js and checks each echo; prints one JSON
// line: { extensions, sent, matched }. Run under hotpath/register by the test, and
// in the test's own process with Node's zlib.

const { WebSocket } = require('ws');
const { messages } = require('./websocket-messages.js');

function exchange(url, seed) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: { threshold: 0 } });
    const list = messages(seed);
    let next = 0;
    let matched = 0;
    socket.on('error', reject);
    socket.on('open', () => socket.send(list[0].data, { binary: list[0].binary }));
    socket.on('message', (data, isBinary) => {
      const expected = Buffer.concat([Buffer.from('echo:'), Buffer.from(list[next].data)]);
      if (isBinary === list[next].binary && Buffer.from(data).equals(expected)) matched++;
      next++;
      if (next === list.length) {
        const extensions = socket.extensions;
        socket.close();
        resolve({ extensions, sent: list.length, matched });
      } else {
        socket.send(list[next].data, { binary: list[next].binary });
      }
    });
  });
}

module.exports = { exchange };

if (require.main === module) {
  exchange(process.argv[2], Number(process.argv[3])).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    },
  );
}
