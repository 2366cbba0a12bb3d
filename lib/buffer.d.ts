// hotpath/buffer: Node's buffer module, plus searches Node lacks.
import builtin = require('node:buffer');

export * from 'node:buffer';

/** What to look for: a byte value (0–255), a string (in `encoding`, utf8 by default) or bytes. */
export type Needle = number | string | Uint8Array;

/** Non-overlapping occurrences of `needle` in `buffer.subarray(start, end)`. */
export declare function count(buffer: Uint8Array, needle: Needle, encoding?: BufferEncoding): number;
export declare function count(buffer: Uint8Array, needle: Needle, start?: number, encoding?: BufferEncoding): number;
export declare function count(buffer: Uint8Array, needle: Needle, start?: number, end?: number, encoding?: BufferEncoding): number;

/** The start of each non-overlapping occurrence (a Float64Array once positions pass 4 GiB). */
export declare function indexOfAll(buffer: Uint8Array, needle: Needle, encoding?: BufferEncoding): Uint32Array | Float64Array;
export declare function indexOfAll(buffer: Uint8Array, needle: Needle, start?: number, encoding?: BufferEncoding): Uint32Array | Float64Array;
export declare function indexOfAll(
  buffer: Uint8Array,
  needle: Needle,
  start?: number,
  end?: number,
  encoding?: BufferEncoding,
): Uint32Array | Float64Array;

/** The pieces between occurrences of `separator`, as views of `buffer` (as String#split). */
export declare function split<T extends Uint8Array>(buffer: T, separator: Needle, encoding?: BufferEncoding): T[];
export declare function split<T extends Uint8Array>(buffer: T, separator: Needle, limit?: number, encoding?: BufferEncoding): T[];

/**
 * The first position at or after `start` holding any of a set of bytes (numbers or a
 * Uint8Array), or where any of several needles starts; -1 if none.
 */
export declare function indexOfAny(buffer: Uint8Array, candidates: Uint8Array | number[] | Array<string | Uint8Array>, start?: number): number;

/** A streaming search: the offsets, from the start of the stream, of the matches each chunk completes. */
export declare class Searcher {
  constructor(needle: Needle, encoding?: BufferEncoding);
  /** The needle's bytes (a copy). */
  readonly needle: Buffer;
  push(chunk: Uint8Array): number[];
  reset(): void;
}

/**
 * `buffer.indexOf(value[, byteOffset][, encoding])` (from Node 24 also
 * `(value, byteOffset, end, encoding)`) with the running Node's exact result.
 */
export declare function indexOf(buffer: Uint8Array, value: Needle, byteOffset?: number | BufferEncoding, ...rest: Array<number | BufferEncoding | undefined>): number;
export declare function lastIndexOf(buffer: Uint8Array, value: Needle, byteOffset?: number | BufferEncoding, ...rest: Array<number | BufferEncoding | undefined>): number;
export declare function includes(buffer: Uint8Array, value: Needle, byteOffset?: number | BufferEncoding, ...rest: Array<number | BufferEncoding | undefined>): boolean;
/** Opt-in: puts hotpath's indexOf, lastIndexOf and includes on Buffer.prototype. */
export declare function install(): void;
/** Puts Node's own methods back. */
export declare function uninstall(): void;

declare const face: typeof builtin & {
  indexOf: typeof indexOf;
  lastIndexOf: typeof lastIndexOf;
  includes: typeof includes;
  install: typeof install;
  uninstall: typeof uninstall;
  count: typeof count;
  indexOfAll: typeof indexOfAll;
  split: typeof split;
  indexOfAny: typeof indexOfAny;
  Searcher: typeof Searcher;
};
export default face;
