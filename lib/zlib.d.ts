// hotpath/zlib has the same exports and types as Node's zlib module.
export * from 'node:zlib';
import zlib = require('node:zlib');

/**
 * CRC-32 of `data` (a string is hashed as its UTF-8 bytes), continuing from `value`.
 * Same results and errors as Node's `zlib.crc32` (Node >= 20.15); available through
 * hotpath on every Node version the native addon loads on.
 */
export declare function crc32(data: string | NodeJS.ArrayBufferView, value?: number): number;

declare const face: typeof zlib & { crc32: typeof crc32 };
export default face;
