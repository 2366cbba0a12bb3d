'use strict';

// The messages the WebSocket test sends: small chat-like JSON (the common case), empty
// ones, text that repeats what came before (context takeover pays), random binary that
// does not compress, and some up to ~100 KB, which span several deflate blocks.

function messages(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const list = [];
  for (let i = 0; i < 120; i++) {
    const kind = i % 6;
    if (kind === 0) list.push({ data: '', binary: false });
    else if (kind === 1 || kind === 2) {
      list.push({ data: JSON.stringify({ type: 'chat', seq: i, room: `room-${i % 5}`, text: `hello ${'there '.repeat(Math.floor(next() * 40))}` }), binary: false });
    } else if (kind === 3) {
      const bytes = Buffer.alloc(Math.floor(next() * 4096));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
      list.push({ data: bytes, binary: true });
    } else if (kind === 4) {
      list.push({ data: `${'log line with a repeated prefix: '.repeat(1 + Math.floor(next() * 3000))}end ${i}`, binary: false });
    } else {
      list.push({ data: `é€😀 ${'mixed ünïcode text '.repeat(Math.floor(next() * 200))}`, binary: false });
    }
  }
  return list;
}

module.exports = { messages };
