// hotpath/crypto: Node's crypto (same exports and types), with native Hash/Hmac/PBKDF2
// for md5, sha1, sha256, sha384, sha512 and sha512-256, plus extras.
import builtin = require('node:crypto');
import type { LongWorkOptions } from './internal/long-work';

export type { LongWorkOptions };

export * from 'node:crypto';

export type DigestEncoding = BufferEncoding | 'buffer';

/** One HMAC in one call (Node has only the createHmac() chain). Default output: hex. */
export declare function hmac(
  algorithm: string,
  key: string | NodeJS.ArrayBufferView | ArrayBuffer | builtin.KeyObject,
  data: string | NodeJS.ArrayBufferView,
): string;
export declare function hmac(
  algorithm: string,
  key: string | NodeJS.ArrayBufferView | ArrayBuffer | builtin.KeyObject,
  data: string | NodeJS.ArrayBufferView,
  outputEncoding: 'buffer',
): Buffer;
export declare function hmac(
  algorithm: string,
  key: string | NodeJS.ArrayBufferView | ArrayBuffer | builtin.KeyObject,
  data: string | NodeJS.ArrayBufferView,
  outputEncoding: BufferEncoding,
): string;

type HashInput = string | NodeJS.ArrayBufferView;
/** A path as node:fs takes it. */
type FilePath = string | Buffer | URL;
/** What a digest comes back as for `outputEncoding` E: a Buffer for 'buffer', else a string. */
type DigestOf<E> = E extends 'buffer' ? Buffer : string;

/**
 * Digests of many inputs, in order, hashed off the JS thread on every core; any digest
 * crypto.hash() takes. Progress counts inputs. Every error rejects (none is thrown).
 */
export declare function hashMany<E extends DigestEncoding = 'hex'>(
  algorithm: string,
  inputs: ReadonlyArray<HashInput>,
  outputEncoding?: E,
  options?: LongWorkOptions,
): Promise<Array<DigestOf<E>>>;
/** As hashMany, now, on the calling thread (with the pool's threads). */
export declare function hashManySync<E extends DigestEncoding = 'hex'>(
  algorithm: string,
  inputs: ReadonlyArray<HashInput>,
  outputEncoding?: E,
): Array<DigestOf<E>>;

/** A file's digest, read and hashed in Rust off the JS thread; fs-style errors. */
export declare function hashFile<E extends DigestEncoding = 'hex'>(path: FilePath, algorithm: string, outputEncoding?: E): Promise<DigestOf<E>>;

export interface HashFilesOptions<E extends DigestEncoding = DigestEncoding> extends LongWorkOptions {
  outputEncoding?: E;
  /** Files hashed at once, 1–1024 (default, or 0: as many as the pool has threads). */
  concurrency?: number;
  /** Resolve with a result per file, like Promise.allSettled, instead of rejecting. */
  settle?: boolean;
}

/** Files' digests, in order, many files at once; progress counts files. */
export declare function hashFiles<E extends DigestEncoding = 'hex'>(
  paths: ReadonlyArray<FilePath>,
  algorithm: string,
  options?: HashFilesOptions<E> & { settle?: false },
): Promise<Array<DigestOf<E>>>;
export declare function hashFiles<E extends DigestEncoding = 'hex'>(
  paths: ReadonlyArray<FilePath>,
  algorithm: string,
  options: HashFilesOptions<E> & { settle: true },
): Promise<Array<PromiseSettledResult<DigestOf<E>>>>;

declare const face: typeof builtin & {
  hmac: typeof hmac;
  hashMany: typeof hashMany;
  hashManySync: typeof hashManySync;
  hashFile: typeof hashFile;
  hashFiles: typeof hashFiles;
};
export default face;
