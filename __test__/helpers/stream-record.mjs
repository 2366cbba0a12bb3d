// Records what a zlib stream emits, for comparing hotpath's streams with Node's:
// 'data' pieces, the events in order (an error as `error:<code>`, with its message
// when asked), and, once it closes, sizes, output and bytesWritten.

export function recordStream(stream, { errorMessages = false } = {}) {
  const events = [];
  const pieces = [];
  let error = null;
  stream.on('data', (piece) => {
    pieces.push(piece);
    events.push('data');
  });
  for (const name of ['finish', 'end', 'close']) stream.on(name, () => events.push(name));
  stream.on('error', (e) => {
    error = e;
    events.push(errorMessages ? `error:${e.code}:${e.message}` : `error:${e.code}`);
  });
  const closed = new Promise((resolve) => stream.on('close', resolve)).then(() => ({
    events,
    sizes: pieces.map((p) => p.length),
    output: Buffer.concat(pieces),
    error,
    bytesWritten: stream.bytesWritten,
  }));
  return { events, closed };
}
