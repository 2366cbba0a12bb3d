// hotpath/readline: Node's readline with native line splitting, plus line-reading
// extras.
import { Readable, Transform, TransformOptions } from 'node:stream';
import builtin = require('node:readline');
import type { LongWorkOptions } from './internal/long-work';

export type { LongWorkOptions };

export * from 'node:readline';

export type LineSource =
  | string
  | URL
  | Readable
  | AsyncIterable<Buffer | NodeJS.ArrayBufferView | string>
  | Iterable<Buffer | NodeJS.ArrayBufferView | string>;

export interface LinesOptions {
  /** Any Node or WHATWG encoding label (default 'utf8'). */
  encoding?: string;
  /** Yield arrays of lines, one per chunk read, instead of single lines. */
  batch?: boolean;
  /** Longest line allowed, in UTF-16 units (default unlimited). */
  maxLineLength?: number;
  /** Skip lines over maxLineLength instead of failing with HOTPATH_LINE_TOO_LONG. */
  skipOverflow?: boolean;
  /** Ends the iteration (done, no error) and closes the source, as a readline Interface's signal does. */
  signal?: AbortSignal;
}

/** The lines of a file path, stream or iterable of chunks (`\n`, `\r\n`, `\r` end a line). */
export declare function lines(source: LineSource, options?: LinesOptions & { batch?: false }): AsyncIterableIterator<string>;
export declare function lines(source: LineSource, options: LinesOptions & { batch: true }): AsyncIterableIterator<string[]>;

/** Parsed NDJSON records; a bad line rejects with its line number unless skipInvalid. */
export declare function jsonLines<T = unknown>(
  source: LineSource,
  options?: Omit<LinesOptions, 'batch'> & { skipInvalid?: boolean },
): AsyncIterableIterator<T>;

/** The number of lines in a file, as readline would emit them; progress counts bytes read. */
export declare function countLines(path: string | Buffer | URL, options?: LongWorkOptions): Promise<number>;

export interface SplitOptions extends TransformOptions {
  maxLength?: number;
  skipOverflow?: boolean;
}

type Matcher = string | RegExp | { [Symbol.split](text: string, limit?: number): string[] };
type Mapper = (line: string) => unknown;

/** A split2-compatible Transform from bytes to lines (or mapped values). */
export declare function split(matcher?: Matcher, mapper?: Mapper, options?: SplitOptions): Transform;
export declare function split(mapper: Mapper, options?: SplitOptions): Transform;
export declare function split(options: SplitOptions): Transform;

declare const face: typeof builtin & {
  lines: typeof lines;
  jsonLines: typeof jsonLines;
  countLines: typeof countLines;
  split: typeof split;
};
export default face;
