// Writes chunks through a stream with its backpressure and gathers the output, as a
// pipeline would: what the stream rows of the zlib bench (and bench:ab) time.

export function throughStream(stream, chunks) {
  return new Promise((resolve, reject) => {
    const out = [];
    stream.on('data', (piece) => out.push(piece));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
    let i = 0;
    const pump = () => {
      while (i < chunks.length) {
        if (!stream.write(chunks[i++])) return void stream.once('drain', pump);
      }
      stream.end();
    };
    pump();
  });
}
