// Run in a child process by buffer-index-of.test.mjs, so that a search that never
// returns (Node's own UTF-16 search at an odd address can loop forever) fails the test
// by timing out instead of hanging the suite. Prints one JSON line: the calls made and
// the ones whose answer differs from Node's on the same bytes at an even address.

import { createRequire } from 'node:module';
import { seededRandom } from './random.mjs';

const require = createRequire(import.meta.url);
const buffer = require('hotpath/buffer');
const { NATIVE_FROM } = require('../../lib/internal/buffer/index-of.js');

const NAMES = ['indexOf', 'lastIndexOf', 'includes'];
const original = Object.fromEntries(NAMES.map((name) => [name, Buffer.prototype[name]]));
const TAKES_END = original.indexOf.length === 4;
const UTF16 = ['ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'Ucs2'];

function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { error: error.constructor.name, code: error.code, message: error.message };
  }
}

/** `length` random bytes at an odd address: one byte into a bigger allocation. */
function oddHaystack(random, length) {
  const whole = Buffer.alloc(length + 1);
  for (let i = 0; i <= length; i++) whole[i] = random.pick([0x61, 0x62, 0x00, 0x03]);
  return whole.subarray(1);
}

function randomNeedle(random) {
  switch (random.int(0, 3)) {
    case 0: return random.pick(['a', 'b', '\0', 'ab', '\u6100', '\u0061\u0062', 'bab', '']);
    case 1: return Buffer.from(random.pick(['a\0', 'ab', '\0\0', 'a\0b\0', 'ba']), 'latin1');
    case 2: return new Uint8Array([0x61, 0x00]);
    default: return random.int(0, 255);
  }
}

function randomArguments(random, length) {
  const offset = random.pick([undefined, 0, 1, 2, 3, -1, -2, random.int(-length - 3, length + 3), NaN]);
  const encoding = random.pick(UTF16);
  if (random.next() < 0.2) return [randomNeedle(random), encoding];
  if (TAKES_END && random.next() < 0.3) return [randomNeedle(random), offset, random.pick([undefined, length, 5]), encoding];
  return [randomNeedle(random), offset, encoding];
}

const random = seededRandom(0x0dd);
const failures = [];
let calls = 0;
buffer.install();
try {
  for (let round = 0; round < 3000; round++) {
    const length = random.pick([0, 1, 2, 3, 8, 63, 64, 200, NATIVE_FROM + 1]);
    const haystack = oddHaystack(random, length);
    const args = randomArguments(random, length);
    // The same bytes at an even address: Buffer.from copies into Node's pool, whose
    // slices start at multiples of 8.
    const aligned = Buffer.from(haystack);
    if (aligned.byteOffset % 2 !== 0) throw new Error('the reference copy is not aligned');
    for (const name of NAMES) {
      const expected = outcome(() => Reflect.apply(original[name], aligned, args));
      const asFunction = outcome(() => buffer[name](haystack, ...args));
      const asMethod = outcome(() => haystack[name](...args));
      calls += 2;
      for (const actual of [asFunction, asMethod]) {
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          failures.push({ name, length, args: args.map(String), expected, actual });
        }
      }
    }
  }
} finally {
  buffer.uninstall();
}
console.log(JSON.stringify({ calls, failures: failures.slice(0, 5), failed: failures.length }));
