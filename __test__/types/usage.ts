// Compiled (never run) by __test__/types.test.mjs: the published types must describe
// the faces the way a user writes against them.
import zlib = require('hotpath/zlib');
import { crc32, gzipSync, constants } from 'hotpath/zlib';
import { createHash } from 'hotpath/crypto';
import { StringDecoder } from 'hotpath/string_decoder';
import { createInterface } from 'hotpath/readline';
import { Buffer as HotpathBuffer } from 'hotpath/buffer';
import * as root from 'hotpath';

const a: number = crc32('hello');
const b: number = zlib.crc32(new Uint16Array(4), 7);
const c: number = crc32(new DataView(new ArrayBuffer(8)));
const d: Buffer = gzipSync('text');
const e: number = constants.Z_BEST_COMPRESSION;
const f: string = createHash('sha256').update('x').digest('hex');
const g: string = new StringDecoder('utf8').write(Buffer.from('x'));
const h = createInterface({ input: process.stdin });
const i: Buffer = HotpathBuffer.from('x');
const j: number = root.zlib.crc32('x');

// @ts-expect-error crc32 takes a string or a view, not a number
crc32(5);

export { a, b, c, d, e, f, g, h, i, j };

import { decode, encode, createDecodeStream, encodingExists } from 'hotpath/string_decoder';
import { lines, jsonLines, countLines, split } from 'hotpath/readline';

const k: string = decode(Buffer.from('x'), 'shift_jis', { stripBOM: false });
const l: Buffer = encode('x', 'gbk', { addBOM: true });
const m: boolean = encodingExists('euc-kr');
const n = createDecodeStream('big5').pipe(split(JSON.parse, { maxLength: 10 }));

async function readAll(): Promise<number> {
  let total = 0;
  for await (const line of lines('file.txt')) total += line.length;
  for await (const batch of lines(['a\nb'], { batch: true })) total += batch.length;
  for await (const record of jsonLines<{ id: number }>('data.ndjson', { skipInvalid: true })) total += record.id;
  return total + (await countLines(new URL('file:///tmp/x')));
}

export { k, l, m, n, readAll };

import { hmac, hashMany, hashManySync, hashFile, hashFiles, createHmac } from 'hotpath/crypto';

const o: string = hmac('sha256', 'key', 'data');
const p: Buffer = hmac('sha256', Buffer.from('key'), 'data', 'buffer');
const q: string[] = hashManySync('sha1', ['a', Buffer.from('b')]);
const r: string = createHmac('sha256', 'k').update('x').digest('hex');

async function digests(): Promise<number> {
  const many: string[] = await hashMany('sha256', ['x']);
  const one: string = await hashFile('file.bin', 'md5');
  const all = await hashFiles(['a', 'b'], 'sha256', { settle: true, concurrency: 2 });
  return many.length + one.length + all.length;
}

export { o, p, q, r, digests };

import { gzipMany, brotliDecompressMany, createGzip, gzip } from 'hotpath/zlib';

const zm: Promise<Buffer[]> = gzipMany(['a', Buffer.from('b')], { level: 9 });
const zb: Promise<Buffer[]> = brotliDecompressMany([new Uint8Array(4)]);
const zp: Buffer = gzipSync(Buffer.alloc(8), { parallel: true, level: 1 });
const zs = createGzip({ level: 1 }).pipe(zlib.createGunzip());

// @ts-expect-error gzipMany takes an array of inputs
gzipMany('x');

gzip(Buffer.alloc(8), { parallel: false, level: 9 }, (error, result) => {
  const size: number = result.length;
  if (error) throw error;
  return size;
});
zlib.gzip('text', (error, result) => result.length);

export { zm, zb, zp, zs };

// hotpath/buffer extras.
import bufferFace = require('hotpath/buffer');
import { count, indexOfAll, split as splitBuffer, indexOfAny, Searcher, indexOf as bufferIndexOf, install } from 'hotpath/buffer';

const bc: number = count(Buffer.from('a\nb'), '\n');
const bl: number = count(Buffer.from('a\nb'), 'YQ==', 0, 'base64');
const ba: Uint32Array | Float64Array = indexOfAll(new Uint8Array(4), 0, 1, 3);
const bs: Buffer[] = splitBuffer(Buffer.from('a,b'), ',', 2);
const bn: number = indexOfAny(Buffer.from('a=b'), ['=', Buffer.from(';')], 0);
const bm: number[] = new Searcher('--boundary').push(Buffer.alloc(8));
const bf: number = bufferFace.count(Buffer.alloc(1), 0);
const bi: number = bufferIndexOf(Buffer.from('abc'), 'bc', 0, 'latin1');
const bh: boolean = bufferFace.includes(Buffer.from('abc'), Buffer.from('c'));
install();

// @ts-expect-error a Searcher takes chunks of bytes, not strings
new Searcher('x').push('text');

export { bc, bl, ba, bs, bn, bm, bf, bi, bh };

import { sort, sortSync, reduce, statsSync, histogram, threads } from 'hotpath/workers';

async function crunch(): Promise<number> {
  const shared = new Float64Array(new SharedArrayBuffer(64));
  const sorted: Float64Array = await sort(shared, { descending: true, signal: AbortSignal.timeout(1000) });
  const total: bigint = await reduce(new BigInt64Array(4), 'sum');
  const mean: number = statsSync(sortSync(new Int32Array(4))).mean;
  const counts: Uint32Array | Float64Array = await histogram(sorted, { bins: 4, min: 0, max: 1 });
  return sorted.length + Number(total) + mean + counts.length + threads();
}

// @ts-expect-error reduce takes one of its operation names
reduce(new Float64Array(1), 'median');

export { crunch };

// The extras' shared rules: signal and onProgress, results narrowed by encoding,
// StringDecoder over WHATWG labels, stats typed by element type.
import type { WhatwgEncodingLabel } from 'hotpath/string_decoder';

async function rules(): Promise<number> {
  const controller = new AbortController();
  const progress = (done: number, total: number): void => {
    if (done > total) throw new Error('never');
  };
  const zipped: Buffer[] = await gzipMany(['a'], { level: 1, signal: controller.signal, onProgress: progress });
  const hex: string[] = await hashMany('sha3-256', ['a'], 'hex', { signal: controller.signal });
  const bytes: Buffer[] = await hashMany('sha256', ['a'], 'buffer', { onProgress: progress });
  const fileHex: string[] = await hashFiles([Buffer.from('a'), new URL('file:///b')], 'sha256', { outputEncoding: 'hex', onProgress: progress });
  const fileBytes: Buffer[] = await hashFiles(['a'], 'sha256', { outputEncoding: 'buffer' });
  const fileDefault: string[] = await hashFiles(['a'], 'sha256');
  const settled: PromiseSettledResult<Buffer>[] = await hashFiles(['a'], 'md5', { outputEncoding: 'buffer', settle: true });
  const one: Buffer = await hashFile(Buffer.from('a'), 'sha256', 'buffer');
  const syncBytes: Buffer[] = hashManySync('md5', ['a'], 'buffer');
  const counted: number = await countLines(Buffer.from('a'), { signal: controller.signal, onProgress: progress });
  for await (const line of lines('a.txt', { signal: controller.signal })) counted.toFixed(line.length);
  const sorted: Float64Array = await sort(new Float64Array(4), { onProgress: progress });
  const low: number = statsSync(new Float64Array(2)).min;
  const bigLow: bigint | undefined = statsSync(new BigInt64Array(2)).min;
  const [least, most]: [number, number] = await reduce(new Uint8Array(2), 'minmax');
  const label: WhatwgEncodingLabel = 'shift_jis';
  const text: string = new StringDecoder(label).write(Buffer.from('x')) + new StringDecoder('windows-1252').end();
  return zipped.length + hex.length + bytes.length + fileHex.length + fileBytes.length + fileDefault.length + settled.length + one.length
    + syncBytes.length + counted + sorted.length + low + Number(bigLow) + least + most + text.length;
}

export { rules };
