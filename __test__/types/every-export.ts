// Compiled (never run) by __test__/types.test.mjs in this checkout and by
// __test__/install.test.mjs against the installed tarball. Each face must be usable as
// the built-in's own type from @types/node (so every Node-named export is typed as
// Node's, and stays so as Node grows), and every extra is called once with its
// documented arguments. install.test.mjs checks that every extra the faces export at
// run time is named here.
import * as zlibFace from 'hotpath/zlib';
import * as cryptoFace from 'hotpath/crypto';
import * as decoderFace from 'hotpath/string_decoder';
import * as readlineFace from 'hotpath/readline';
import * as bufferFace from 'hotpath/buffer';
import * as workers from 'hotpath/workers';
import * as registered from 'hotpath/register';
import * as root from 'hotpath';

// Node-named: each face stands in for the built-in wherever Node's type is expected.
export const asNodeZlib: typeof import('node:zlib') = zlibFace;
export const asNodeCrypto: typeof import('node:crypto') = cryptoFace;
export const asNodeStringDecoder: typeof import('node:string_decoder') = decoderFace;
export const asNodeReadline: typeof import('node:readline') = readlineFace;
export const asNodeBuffer: typeof import('node:buffer') = bufferFace;
export const rootFaces: typeof import('node:zlib') = root.zlib;

const bytes = Buffer.from('hotpath');
const floats = new Float64Array(new SharedArrayBuffer(64));

// hotpath/zlib extras.
export const zlibExtras: Array<Promise<Buffer[]> | number> = [
  zlibFace.crc32('text', 0),
  zlibFace.gzipMany([bytes], { level: 6 }),
  zlibFace.gunzipMany([bytes]),
  zlibFace.deflateMany(['a']),
  zlibFace.inflateMany([bytes]),
  zlibFace.deflateRawMany([new Uint8Array(2)]),
  zlibFace.inflateRawMany([bytes]),
  zlibFace.unzipMany([bytes]),
  zlibFace.brotliCompressMany([bytes], { params: {} }),
  zlibFace.brotliDecompressMany([bytes]),
];
export const parallelGzip: Buffer = zlibFace.gzipSync(bytes, { parallel: true });
zlibFace.deflate(bytes, { parallel: true }, (error: Error | null, out: Buffer) => out.length);
zlibFace.deflateRaw(bytes, { parallel: false }, (error: Error | null, out: Buffer) => out.length);
export const parallelDeflate: Buffer[] = [zlibFace.deflateSync(bytes, { parallel: true }), zlibFace.deflateRawSync(bytes, { parallel: true })];

// hotpath/crypto extras.
export const hmacHex: string = cryptoFace.hmac('sha256', 'key', 'data');
export const manyHashes: Promise<string[]> = cryptoFace.hashMany('sha256', ['a', bytes]);
export const manyHashesSync: string[] = cryptoFace.hashManySync('md5', [bytes]);
export const fileHash: Promise<string> = cryptoFace.hashFile('package.json', 'sha1');
export const fileHashes = cryptoFace.hashFiles(['package.json'], 'sha256');

// hotpath/string_decoder extras.
export const decoded: string = decoderFace.decode(bytes, 'windows-1252');
export const encoded: Buffer = decoderFace.encode('text', 'shift_jis');
export const known: boolean = decoderFace.encodingExists('gb18030');
export const decodeStream = decoderFace.createDecodeStream('euc-kr');
export const encodeStream = decoderFace.createEncodeStream('big5');

// hotpath/readline extras.
export async function readlineExtras(): Promise<number> {
  let total = 0;
  for await (const line of readlineFace.lines(['a\nb'])) total += line.length;
  for await (const record of readlineFace.jsonLines<{ n: number }>(['{"n":1}'])) total += record.n;
  total += await readlineFace.countLines('file.txt');
  return total;
}
export const splitter = readlineFace.split(/\r?\n/);

// hotpath/buffer extras.
export const bufferExtras: Array<number | boolean | Uint32Array | Float64Array | Buffer[] | number[]> = [
  bufferFace.count(bytes, 't'),
  bufferFace.indexOfAll(bytes, 't'),
  bufferFace.split(bytes, 'a'),
  bufferFace.indexOfAny(bytes, [0x61, 0x74]),
  bufferFace.indexOfAny(bytes, ['a', Buffer.from('t')]),
  new bufferFace.Searcher('t').push(bytes),
  bufferFace.indexOf(bytes, 'p'),
  bufferFace.lastIndexOf(bytes, 'p'),
  bufferFace.includes(bytes, 'p'),
];
bufferFace.install();
bufferFace.uninstall();

// hotpath/workers (all extras).
export async function workerExtras(): Promise<number> {
  const before: number = workers.threads();
  workers.setThreads(before);
  const sorted: Float64Array = await workers.sort(floats);
  const order: Uint32Array | Float64Array = await workers.argsort(floats);
  const orderSync: Uint32Array | Float64Array = workers.argsortSync(floats);
  const sum: number = await workers.reduce(floats, 'sum');
  const max = Number(workers.reduceSync(workers.sortSync(floats), 'max'));
  const spread = await workers.stats(floats);
  const spreadSync = workers.statsSync(floats);
  const counts = await workers.histogram(floats, { bins: 2, min: 0, max: 1 });
  const countsSync = workers.histogramSync(floats, { bins: 2, min: 0, max: 1 });
  return sorted.length + order.length + orderSync.length + sum + max + spread.mean + spreadSync.variance + counts.length + countsSync.length;
}

// hotpath/register.
export const redirected: ReadonlyArray<string> = registered.modules;
export const how: string = registered.mechanism;
