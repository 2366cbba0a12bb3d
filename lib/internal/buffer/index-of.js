'use strict';

// Buffer#indexOf, #lastIndexOf and #includes with the running Node's exact results:
// calls whose answer needs no interpretation beyond a byte search (a needle of two
// or more bytes, given as a Buffer/Uint8Array or as a utf8/latin1 string, an integer
// offset, a haystack big enough to pay for the crossing) run on memmem behind a
// rare-byte skip; every other call is Node's own method, so its results and errors
// are Node's by construction, except small forward searches, answered in JS
// (small-search.js). Node 24 added an `end` argument before `encoding`;
// that shape is read off the running Node's method. One exception: a UTF-16 search
// in a haystack at an odd address, which Node (20 to 26) may never return from,
// searches an aligned copy with Node's method instead; and a UTF-8 string needle with a
// lone surrogate, on which Node 24 aborts, goes to Node's method as its UTF-8 bytes.

const { isUint8Array } = require('node:util').types;
const { native } = require('../native.js');
const { smallIndexOf, isSmallByteView, NOT_SMALL } = require('./small-search.js');
const { BYTE_ENCODINGS, NOT_PLAIN, encodingArgument, plainEncoding, offsetArgument } = require('./call-shape.js');

const original = {
  indexOf: Buffer.prototype.indexOf,
  lastIndexOf: Buffer.prototype.lastIndexOf,
  includes: Buffer.prototype.includes,
};

// Below this many bytes Node's own search wins: the crossing and the needle's bytes
// cost more than memmem saves (measured on the dev machine under Node 20 and 24).
const NATIVE_FROM = 4096;
const UTF16_ENCODING = /^(?:ucs-?2|utf-?16le)$/i;

/**
 * Whether Node would search `buffer` as UTF-16 units at an odd address. Its search
 * reads them in place, and there its first-character scan can loop forever (every
 * version from 20 to 26: `Buffer.alloc(64).fill('a').subarray(1).indexOf('a', 0,
 * 'ucs2')`) or answer -2. The same bytes at an even address give the right answer.
 */
function misalignedUtf16(buffer, value, byteOffset, third, fourth) {
  if (!isUint8Array(buffer) || (buffer.byteOffset & 1) === 0) return false;
  if (typeof value !== 'string' && !isUint8Array(value)) return false;
  const encoding = encodingArgument(byteOffset, third, fourth);
  return typeof encoding === 'string' && UTF16_ENCODING.test(encoding);
}

const UTF8_ENCODING = /^utf-?8$/i;
// A UTF-8 string needle holding a lone surrogate: Node 20 and 22 search for its
// generalized UTF-8 (U+DFFF as ED BF BF), Node 26 for its UTF-8 with each lone
// surrogate replaced (EF BF BD), and Node 24 aborts the process (a failed CHECK in
// IndexOfString). Such needles are Node's to search, except on 24, which gets
// Node 26's answer instead of the abort (see docs/compatibility.md).
const BUILTIN_ABORTS_ON_LONE_SURROGATE = Number(process.versions.node.split('.')[0]) === 24;

function isIllFormedUtf8Needle(value, encoding) {
  return (
    typeof value === 'string' &&
    !value.isWellFormed() &&
    (encoding === undefined || (typeof encoding === 'string' && UTF8_ENCODING.test(encoding)))
  );
}

/** The needle to hand Node's own method (see BUILTIN_ABORTS_ON_LONE_SURROGATE). */
function needleForBuiltin(value, byteOffset, third, fourth) {
  if (!BUILTIN_ABORTS_ON_LONE_SURROGATE || !isIllFormedUtf8Needle(value, encodingArgument(byteOffset, third, fourth))) {
    return value;
  }
  return Buffer.from(value, 'utf8');
}

/** The needle as bytes when a plain byte search answers for it, else null. */
function byteNeedle(value, encoding) {
  if (typeof value === 'string') {
    if (value.length < 2 || (encoding !== undefined && !BYTE_ENCODINGS.has(encoding))) return null;
    if (isIllFormedUtf8Needle(value, encoding)) return null;
    const bytes = Buffer.from(value, encoding);
    return bytes.length >= 2 ? bytes : null;
  }
  // A Uint8Array needle with an encoding named is searched per that encoding's
  // rules (ucs2 aligns), so only the plain form is a byte search.
  if (isUint8Array(value) && encoding === undefined && value.length >= 2) return value;
  return null;
}

/**
 * The needle and offset of a call the native search answers exactly, or null. `third`
 * and `fourth` are what follow byteOffset in the running Node's signature: (end,
 * encoding) from Node 24, (encoding) before.
 */
function plainCall(buffer, value, byteOffset, third, fourth) {
  if (!native || !isUint8Array(buffer) || buffer.length < NATIVE_FROM || buffer.length > 0x7fffffff) return null;
  const encoding = plainEncoding(byteOffset, third, fourth);
  if (encoding === NOT_PLAIN) return null;
  const offset = offsetArgument(byteOffset);
  if (offset !== undefined && Math.abs(offset) > 0x7fffffff) return null;
  const needle = byteNeedle(value, encoding);
  return needle === null ? null : { needle, byteOffset: offset };
}

function nativeIndexOf(buffer, needle, byteOffset) {
  const length = buffer.length;
  let from = byteOffset === undefined ? 0 : byteOffset;
  if (from < 0) from = Math.max(length + from, 0);
  if (from + needle.length > length) return -1;
  return native.bufferIndexOf(buffer, needle, from);
}

function nativeLastIndexOf(buffer, needle, byteOffset) {
  const length = buffer.length;
  let from = byteOffset === undefined ? length : byteOffset;
  if (from < 0) {
    if (from + length < 0) return -1;
    from += length;
  } else if (from + needle.length > length) {
    from = length - 1;
  }
  if (needle.length > length) return -1;
  return native.bufferLastIndexOf(buffer, needle, Math.min(from, length - needle.length));
}

// Node 20/22's includes() is `this.indexOf(…) !== -1`, so on a receiver whose
// indexOf is not Buffer's (a plain Uint8Array's searches elements) it answers
// otherwise; from 24 it searches itself. Read off the running Node's method.
const INCLUDES_CALLS_INDEX_OF = (() => {
  const probe = new Uint8Array(1);
  let called = false;
  probe.indexOf = () => {
    called = true;
    return -1;
  };
  original.includes.call(probe, 0);
  return called;
})();
// Buffer's own indexOf and the one install() puts there.
const bufferIndexOfs = new Set([original.indexOf]);

/**
 * Where includes() must be Node's own call, whatever the haystack's size: on Node
 * 20/22, a receiver whose indexOf is not Buffer's (a plain Uint8Array's, or one set
 * on the object) gives the answer.
 */
function includesAsksItsIndexOf(name, buffer) {
  return name === 'includes' && INCLUDES_CALLS_INDEX_OF && buffer != null && !bufferIndexOfs.has(buffer.indexOf);
}

// Forward searches only: lastIndexOf of a small haystack is Node's.
const smallSearch = {
  indexOf: smallIndexOf,
  includes: (buffer, value, byteOffset, third, fourth) => {
    const found = smallIndexOf(buffer, value, byteOffset, third, fourth);
    return found === NOT_SMALL ? NOT_SMALL : found !== -1;
  },
  lastIndexOf: undefined,
};

const nativeSearch = {
  indexOf: nativeIndexOf,
  lastIndexOf: nativeLastIndexOf,
  includes: (buffer, needle, byteOffset) => nativeIndexOf(buffer, needle, byteOffset) !== -1,
};

/**
 * The bytes of `buffer` in memory of their own (which starts aligned), with its
 * prototype: Node 20/22's includes() calls `this.indexOf`, which must stay Buffer's.
 */
function alignedCopy(buffer) {
  return Object.setPrototypeOf(new Uint8Array(buffer), Object.getPrototypeOf(buffer));
}

/**
 * hotpath/buffer's `name(buffer, value[, byteOffset][, end][, encoding])`, answered as
 * the running Node's `buffer[name](…)` answers. Extra undefined arguments are what
 * Node's own methods read for missing ones.
 */
function searchFunction(name) {
  const builtin = original[name];
  const search = nativeSearch[name];
  const small = smallSearch[name];
  const face = (buffer, value, byteOffset, third, fourth) => {
    if (includesAsksItsIndexOf(name, buffer)) {
      return builtin.call(buffer, needleForBuiltin(value, byteOffset, third, fourth), byteOffset, third, fourth);
    }
    if (small !== undefined && ArrayBuffer.isView(buffer) && isSmallByteView(buffer)) {
      const found = small(buffer, value, byteOffset, third, fourth);
      if (found !== NOT_SMALL) return found;
    }
    const call = plainCall(buffer, value, byteOffset, third, fourth);
    if (call !== null) return search(buffer, call.needle, call.byteOffset);
    const haystack = misalignedUtf16(buffer, value, byteOffset, third, fourth) ? alignedCopy(buffer) : buffer;
    return builtin.call(haystack, needleForBuiltin(value, byteOffset, third, fourth), byteOffset, third, fourth);
  };
  Object.defineProperty(face, 'name', { value: name });
  return face;
}

/**
 * What install() puts on Buffer.prototype for `name`: an ordinary function (so `new`
 * runs it, as it runs Node's), named and sized as Node's, with `this` as the buffer.
 * A haystack between the small and the native sizes, at an even address, goes
 * straight to Node's method: the wrapper then costs one check (ArrayBuffer.isView, a
 * V8 builtin; util.types.isUint8Array is a C++ call and cost 10% of a 64-byte search)
 * and a few property reads. A DataView's length is undefined, so it goes there too.
 */
function methodFor(name, face) {
  const builtin = original[name];
  const small = smallSearch[name];
  const method = function (value, byteOffset, third, fourth) {
    if (ArrayBuffer.isView(this) && !includesAsksItsIndexOf(name, this)) {
      if (small !== undefined && isSmallByteView(this)) {
        const found = small(this, value, byteOffset, third, fourth);
        if (found !== NOT_SMALL) return found;
      }
      if (this.length >= NATIVE_FROM || (this.byteOffset & 1) === 1) return face(this, value, byteOffset, third, fourth);
    }
    return builtin.call(this, needleForBuiltin(value, byteOffset, third, fourth), byteOffset, third, fourth);
  };
  Object.defineProperty(method, 'name', { value: name });
  Object.defineProperty(method, 'length', { value: builtin.length });
  return method;
}

const indexOf = searchFunction('indexOf');
const lastIndexOf = searchFunction('lastIndexOf');
const includes = searchFunction('includes');
const methods = {
  indexOf: methodFor('indexOf', indexOf),
  lastIndexOf: methodFor('lastIndexOf', lastIndexOf),
  includes: methodFor('includes', includes),
};
bufferIndexOfs.add(methods.indexOf);

/** Puts hotpath's search on Buffer.prototype (opt-in; uninstall() undoes it). */
function install() {
  for (const name of Object.keys(methods)) Buffer.prototype[name] = methods[name];
}

/** Puts Node's own methods back. */
function uninstall() {
  for (const name of Object.keys(original)) Buffer.prototype[name] = original[name];
}

module.exports = { indexOf, lastIndexOf, includes, install, uninstall, methods, NATIVE_FROM };
