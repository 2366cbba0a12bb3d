'use strict';

// node benches/open-streams-rss.cjs <node:zlib|hotpath/zlib> <count>: opens <count>
// DeflateRaw streams (ws's permessage-deflate settings), writes and sync-flushes one
// message through each, keeps them all open, and prints the RSS grown per stream
// (KiB) with each stream's frame, so the bench can check the frames decode.

const path = require('node:path');

const [which, countText] = process.argv.slice(2);
const zlib = which === 'hotpath/zlib' ? require(path.join(__dirname, '..', 'lib', 'zlib.js')) : require('node:zlib');
const count = Number(countText);
const message = Buffer.from(JSON.stringify({ type: 'hello', text: 'lorem ipsum dolor sit amet '.repeat(10) }).slice(0, 300));

function flushOne(stream) {
  return new Promise((resolve, reject) => {
    const out = [];
    stream.on('data', (piece) => out.push(piece));
    stream.once('error', reject);
    stream.write(message);
    stream.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out)));
  });
}

(async () => {
  // Warm the module's own one-time state (the addon, its pool) before the baseline.
  const warm = zlib.createDeflateRaw();
  await flushOne(warm);
  warm.close();
  if (global.gc) global.gc();
  const before = process.memoryUsage().rss;
  const open = [];
  const frames = [];
  for (let i = 0; i < count; i++) {
    const stream = zlib.createDeflateRaw({ windowBits: 15, memLevel: 8 });
    open.push(stream);
    frames.push(await flushOne(stream));
  }
  const grown = process.memoryUsage().rss - before;
  // Every frame is the same message on a fresh stream: one is enough to compare.
  process.stdout.write(JSON.stringify({ kibPerStream: grown / 1024 / count, frames: [...frames[0]] }));
  for (const stream of open) stream.close();
})();
