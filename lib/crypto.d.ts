// hotpath/crypto: Node's crypto (same exports and types), with native Hash/Hmac/PBKDF2
// for md5, sha1, sha256, sha384, sha512 and sha512-256, plus extras.
import builtin = require('node:crypto');

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

/** Digests of many inputs, in order, hashed off the JS thread on every core. */
export declare function hashMany(algorithm: string, inputs: HashInput[], outputEncoding?: BufferEncoding): Promise<string[]>;
export declare function hashMany(algorithm: string, inputs: HashInput[], outputEncoding: 'buffer'): Promise<Buffer[]>;
export declare function hashManySync(algorithm: string, inputs: HashInput[], outputEncoding?: BufferEncoding): string[];
export declare function hashManySync(algorithm: string, inputs: HashInput[], outputEncoding: 'buffer'): Buffer[];

/** A file's digest, read and hashed in Rust off the JS thread; fs-style errors. */
export declare function hashFile(path: string | URL, algorithm: string, outputEncoding?: BufferEncoding): Promise<string>;
export declare function hashFile(path: string | URL, algorithm: string, outputEncoding: 'buffer'): Promise<Buffer>;

export interface HashFilesOptions {
  outputEncoding?: DigestEncoding;
  /** Files hashed at once (default: one per core). */
  concurrency?: number;
  /** Resolve with a result per file, like Promise.allSettled, instead of rejecting. */
  settle?: boolean;
}

export declare function hashFiles(
  paths: Array<string | URL>,
  algorithm: string,
  options?: HashFilesOptions & { settle?: false },
): Promise<Array<string | Buffer>>;
export declare function hashFiles(
  paths: Array<string | URL>,
  algorithm: string,
  options: HashFilesOptions & { settle: true },
): Promise<Array<PromiseSettledResult<string | Buffer>>>;

declare const face: typeof builtin & {
  hmac: typeof hmac;
  hashMany: typeof hashMany;
  hashManySync: typeof hashManySync;
  hashFile: typeof hashFile;
  hashFiles: typeof hashFiles;
};
export default face;
