// hotpath/string_decoder: Node's string_decoder, plus every WHATWG encoding and
// iconv-lite-style encode/decode (extras).
import { Transform, TransformOptions } from 'node:stream';
import builtin = require('node:string_decoder');

export * from 'node:string_decoder';

/**
 * Node's StringDecoder; `encoding` may also be any WHATWG Encoding Standard label
 * ('shift_jis', 'gbk', 'windows-1252', 'utf-16be', …).
 */
export declare const StringDecoder: typeof builtin.StringDecoder;

export interface DecodeOptions {
  /** Drop a leading U+FEFF (default true, as in iconv-lite). */
  stripBOM?: boolean;
  /**
   * For 'utf-16' only: the byte order when neither a BOM nor the ASCII heuristic
   * settles it (default 'utf-16le', as in iconv-lite).
   */
  defaultEncoding?: 'utf-16le' | 'utf-16be';
}

export interface EncodeOptions {
  /** Start the output with a byte order mark (default false; true for 'utf-16', as in iconv-lite). */
  addBOM?: boolean;
}

/** Decodes `bytes` in any Node or WHATWG encoding. */
export declare function decode(bytes: NodeJS.ArrayBufferView, encoding: string, options?: DecodeOptions): string;

/**
 * Encodes `text`; characters the encoding lacks become '?'. As in iconv-lite, other
 * values encode as `'' + value`, falsy ones as ''.
 */
export declare function encode(text: string, encoding: string, options?: EncodeOptions): Buffer;

/** Whether hotpath can decode and encode `label`. */
export declare function encodingExists(label: string): boolean;

/** A Transform from bytes in `encoding` to strings. */
export declare function createDecodeStream(encoding: string, options?: DecodeOptions & TransformOptions): Transform;

/** A Transform from strings to bytes in `encoding`. */
export declare function createEncodeStream(encoding: string, options?: EncodeOptions & TransformOptions): Transform;

declare const face: typeof builtin & {
  decode: typeof decode;
  encode: typeof encode;
  encodingExists: typeof encodingExists;
  createDecodeStream: typeof createDecodeStream;
  createEncodeStream: typeof createEncodeStream;
};
export default face;
