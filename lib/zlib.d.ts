// hotpath/zlib has the same exports and types as Node's zlib module, plus the
// extras declared here.
export * from 'node:zlib';
import zlib = require('node:zlib');
import type { LongWorkOptions } from './internal/long-work';

export type { LongWorkOptions };

/**
 * CRC-32 of `data` (a string is hashed as its UTF-8 bytes), continuing from `value`.
 * Same results and errors as Node's `zlib.crc32` (Node >= 20.15); available through
 * hotpath on every Node version the native addon loads on.
 */
export declare function crc32(data: string | NodeJS.ArrayBufferView, value?: number): number;

/** hotpath's extra option for the one-shot gzip/deflate/deflateRaw functions. */
export interface ParallelOption {
  /**
   * Compress big inputs on every core into one valid stream (pigz-style).
   * Default: on for the callback forms, off for the `*Sync` forms; either way only
   * for inputs from 512 KiB at levels 4–9 (or the default level).
   */
  parallel?: boolean;
}

// What Node's one-shot functions give, as @types/node spells it (NonSharedBuffer in
// today's types, Buffer in older ones), so hotpath's declarations follow Node's.
type Output = ReturnType<typeof zlib.gzipSync>;
type Input = string | ArrayBuffer | NodeJS.ArrayBufferView;
type ManyInputs = ReadonlyArray<Input>;

type ZlibManyOptions = zlib.ZlibOptions & LongWorkOptions;
type BrotliManyOptions = zlib.BrotliOptions & LongWorkOptions;

/**
 * Compresses or decompresses every input on its own, across all cores. Progress
 * counts inputs. Every error rejects the promise (none is thrown).
 */
export declare function gzipMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function gunzipMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function deflateMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function inflateMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function deflateRawMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function inflateRawMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function unzipMany(buffers: ManyInputs, options?: ZlibManyOptions): Promise<Output[]>;
export declare function brotliCompressMany(buffers: ManyInputs, options?: BrotliManyOptions): Promise<Output[]>;
export declare function brotliDecompressMany(buffers: ManyInputs, options?: BrotliManyOptions): Promise<Output[]>;

type CompressCallback = (error: Error | null, result: Output) => void;

export declare function gzip(buffer: zlib.InputType, callback: CompressCallback): void;
export declare function gzip(buffer: zlib.InputType, options: zlib.ZlibOptions & ParallelOption, callback: CompressCallback): void;
export declare function deflate(buffer: zlib.InputType, callback: CompressCallback): void;
export declare function deflate(buffer: zlib.InputType, options: zlib.ZlibOptions & ParallelOption, callback: CompressCallback): void;
export declare function deflateRaw(buffer: zlib.InputType, callback: CompressCallback): void;
export declare function deflateRaw(buffer: zlib.InputType, options: zlib.ZlibOptions & ParallelOption, callback: CompressCallback): void;
// util.promisify() of the callback forms, as @types/node declares for Node's.
export declare namespace gzip {
  function __promisify__(buffer: zlib.InputType, options?: zlib.ZlibOptions & ParallelOption): Promise<Output>;
}
export declare namespace deflate {
  function __promisify__(buffer: zlib.InputType, options?: zlib.ZlibOptions & ParallelOption): Promise<Output>;
}
export declare namespace deflateRaw {
  function __promisify__(buffer: zlib.InputType, options?: zlib.ZlibOptions & ParallelOption): Promise<Output>;
}
export declare function gzipSync(buffer: zlib.InputType, options?: zlib.ZlibOptions & ParallelOption): Output;
export declare function deflateSync(buffer: zlib.InputType, options?: zlib.ZlibOptions & ParallelOption): Output;
export declare function deflateRawSync(buffer: zlib.InputType, options?: zlib.ZlibOptions & ParallelOption): Output;

declare const face: Omit<typeof zlib, 'gzip' | 'deflate' | 'deflateRaw' | 'gzipSync' | 'deflateSync' | 'deflateRawSync'> & {
  crc32: typeof crc32;
  gzip: typeof gzip;
  deflate: typeof deflate;
  deflateRaw: typeof deflateRaw;
  gzipSync: typeof gzipSync;
  deflateSync: typeof deflateSync;
  deflateRawSync: typeof deflateRawSync;
  gzipMany: typeof gzipMany;
  gunzipMany: typeof gunzipMany;
  deflateMany: typeof deflateMany;
  inflateMany: typeof inflateMany;
  deflateRawMany: typeof deflateRawMany;
  inflateRawMany: typeof inflateRawMany;
  unzipMany: typeof unzipMany;
  brotliCompressMany: typeof brotliCompressMany;
  brotliDecompressMany: typeof brotliDecompressMany;
};
export default face;
