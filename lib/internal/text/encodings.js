'use strict';

// Which encoding a label names: Node's own names first (with Node's exact rules), then
// every label of the WHATWG Encoding Standard (hotpath extra, via encoding_rs).

const { format } = require('node:util');
const { makeNodeError } = require('../errors.js');
const { native, nativeEnum, requireNative } = require('../native.js');

/** Node's encoding ids by Node's names (the addon's NodeEncoding, as a StringDecoder's state stores them). */
const NodeEncoding = nativeEnum('NodeEncoding');
const NODE_ENCODING_IDS = {
  ascii: NodeEncoding.Ascii,
  utf8: NodeEncoding.Utf8,
  base64: NodeEncoding.Base64,
  utf16le: NodeEncoding.Utf16Le,
  latin1: NodeEncoding.Latin1,
  hex: NodeEncoding.Hex,
  base64url: NodeEncoding.Base64Url,
};

const NODE_NAMES = new Map([
  ['utf8', 'utf8'], ['utf-8', 'utf8'],
  ['ucs2', 'utf16le'], ['ucs-2', 'utf16le'], ['utf16le', 'utf16le'], ['utf-16le', 'utf16le'],
  ['latin1', 'latin1'], ['binary', 'latin1'],
  ['base64', 'base64'], ['base64url', 'base64url'], ['hex', 'hex'], ['ascii', 'ascii'],
]);

/** Node's normalizeEncoding: its canonical name for `label`, or undefined. */
function nodeEncodingName(label) {
  if (label === undefined || label === null || label === '') return 'utf8';
  const exact = NODE_NAMES.get(label);
  if (exact !== undefined) return exact;
  // Node lower-cases only labels whose length matches one of its names, and so
  // accepts any object whose `length` and string form fit (as its switch does).
  const length = label.length;
  if (typeof length !== 'number' || length < 3 || length > 9) return undefined;
  return NODE_NAMES.get(String.prototype.toLowerCase.call(label));
}

function unknownEncoding(label) {
  return makeNodeError(TypeError, 'ERR_UNKNOWN_ENCODING', format('Unknown encoding: %s', label));
}

/**
 * Resolves `label` to `{ name, nodeId }` for Node's encodings or `{ name, whatwg }`
 * for the others (those need the native addon). WHATWG labels of UTF-8 and UTF-16LE
 * ('unicode-1-1-utf-8', 'utf-16') take Node's paths.
 */
function resolveEncoding(label) {
  const node = nodeEncodingName(label);
  if (node !== undefined) return { name: node, nodeId: NODE_ENCODING_IDS[node] };
  if (typeof label === 'string' && native) {
    const whatwg = native.whatwgEncodingName(label);
    if (whatwg === 'UTF-8') return { name: 'utf8', nodeId: NODE_ENCODING_IDS.utf8 };
    if (whatwg === 'UTF-16LE') return { name: 'utf16le', nodeId: NODE_ENCODING_IDS.utf16le };
    if (whatwg !== null) return { name: whatwg.toLowerCase(), whatwg };
  }
  // Without the addon the WHATWG label table is out of reach too: say so rather than
  // call a label like 'gbk' unknown.
  if (typeof label === 'string' && !native) requireNative(`the encoding '${label}' (not one of Node's)`);
  throw unknownEncoding(label);
}

module.exports = { NODE_ENCODING_IDS, nodeEncodingName, resolveEncoding, unknownEncoding };
