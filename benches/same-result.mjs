// Before a case is timed, every contender of it (built-in, hotpath and every peer) runs
// once and its result is compared with the built-in's, so a table never compares
// functions that do different work. A case that differs stops the bench run.
//
// A case says what its contenders' results are:
//   - what each function returns (the default), or, with `emits: true`, the pieces it
//     passes to `keep()` (lines, decoded strings, records) — the timed run keeps only a
//     running total, the check run keeps every piece;
//   - `result(value)` turns that into what must be equal (e.g. decodes a compressor's
//     output, joins decoded pieces whose boundaries may legitimately differ);
//   - `expected`, if given, is what the built-in's result must equal too (the input of
//     a compression round trip);
//   - `noteFrom(results)` may write the case's note from the raw results (output sizes).

import { createHash } from 'node:crypto';

/** Every contender of a case, baseline first: [label, fn, role]. */
export function contenders(testCase) {
  const list = [
    [testCase.builtinName || 'built-in', testCase.builtin, 'builtin'],
    ['hotpath', testCase.hotpath, 'hotpath'],
  ];
  for (const [name, fn] of Object.entries(testCase.peers || {})) list.push([name, fn, 'peer']);
  return list;
}

let keptPieces = null;

/** Reports one piece of a contender's output and hands it back (cheap while timed). */
export function keep(piece) {
  if (keptPieces !== null) keptPieces.push(piece);
  return piece;
}

async function rawResult(testCase, fn) {
  if (!testCase.emits) return fn();
  keptPieces = [];
  try {
    await fn();
    return keptPieces;
  } finally {
    keptPieces = null;
  }
}

function feed(hash, value) {
  if (typeof value === 'string') {
    // UTF-16 code units, so lone surrogates are compared exactly.
    hash.update(`s${value.length}:`).update(value, 'utf16le');
  } else if (ArrayBuffer.isView(value)) {
    hash.update(`b${value.byteLength}:`).update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (Array.isArray(value)) {
    hash.update(`a${value.length}:`);
    for (const item of value) feed(hash, item);
  } else if (value === null || ['number', 'bigint', 'boolean', 'undefined'].includes(typeof value)) {
    hash.update(`v${typeof value}:${String(value)};`);
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value).sort();
    hash.update(`o${keys.length}:`);
    for (const key of keys) {
      feed(hash, key);
      feed(hash, value[key]);
    }
  } else {
    throw new TypeError(`cannot compare a result of type ${Object.prototype.toString.call(value)}`);
  }
}

/**
 * A digest of a result by content: bytes whatever view holds them (Buffer, Uint8Array),
 * strings by code unit, arrays item by item, plain objects key by key.
 */
export function fingerprint(value) {
  const hash = createHash('sha256');
  feed(hash, value);
  return hash.digest('hex');
}

/** Runs every contender once; throws naming the first whose result is not the built-in's. */
export async function checkSameResult(testCase) {
  const shape = testCase.result || ((value) => value);
  const raw = {};
  let expected = null;
  for (const [name, fn, role] of contenders(testCase)) {
    raw[name] = await rawResult(testCase, fn);
    const actual = fingerprint(shape(raw[name]));
    if (role === 'builtin') {
      expected = actual;
      if ('expected' in testCase && fingerprint(testCase.expected) !== expected) {
        throw new Error(`${testCase.name}: the built-in's result is not the expected one`);
      }
    } else if (actual !== expected) {
      throw new Error(`${testCase.name}: ${name} returned a different result from ${contenders(testCase)[0][0]}`);
    }
  }
  if (testCase.noteFrom) testCase.note = testCase.noteFrom(raw);
}
