// What the differential fuzz tests share: a time budget, a seed per case so any
// failure replays alone, and outcomes (a value or an error's class, name, code,
// errno and message) that compare with deepEqual.
//
//   HOTPATH_FUZZ_MS    milliseconds per fuzz test (default 1500; `npm test` uses it)
//   HOTPATH_FUZZ_SEED  the first case's seed (default 20261206)
//   HOTPATH_FUZZ_CASE  run only this case number (as printed by a failure)
//   HOTPATH_FUZZ_TRACE print each case number before it runs (to find a crash)

import { seededRandom } from '../helpers/random.mjs';

export const FUZZ_MS = Number(process.env.HOTPATH_FUZZ_MS ?? 1500);
const FIRST_SEED = Number(process.env.HOTPATH_FUZZ_SEED ?? 20261206);
const ONLY_CASE = process.env.HOTPATH_FUZZ_CASE === undefined ? undefined : Number(process.env.HOTPATH_FUZZ_CASE);

/**
 * Runs `body(random, caseNumber)` on fresh seeded cases until the budget is spent
 * (at least `minCases`). A failure names its case number and seed.
 */
export async function fuzzFor(name, body, { minCases = 20 } = {}) {
  const deadline = Date.now() + FUZZ_MS;
  let cases = 0;
  for (let n = ONLY_CASE ?? 0; ONLY_CASE === undefined ? cases < minCases || Date.now() < deadline : n === ONLY_CASE; n++) {
    const random = seededRandom(FIRST_SEED + n * 7919);
    if (process.env.HOTPATH_FUZZ_TRACE) process.stderr.write(`${name}: case ${n}\n`);
    try {
      await body(random, n);
    } catch (error) {
      // A new error, so the report's first line names the case (an assertion's stack
      // keeps the message it was made with).
      throw new Error(`${name}: case ${n} (replay: HOTPATH_FUZZ_SEED=${FIRST_SEED} HOTPATH_FUZZ_CASE=${n})\n${error.message}`, {
        cause: error,
      });
    }
    cases++;
  }
  return cases;
}

/** An error as the tests compare it. */
export function errorShape(error) {
  if (!(error instanceof Error)) return { thrown: error };
  return {
    class: error.constructor.name,
    name: error.name,
    code: error.code,
    errno: error.errno,
    message: error.message,
  };
}

/** `{ value }` or `{ error }` of a synchronous call. */
export function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error: errorShape(error) };
  }
}

/** `{ value }` or `{ error }` of a Node-style callback call. */
export function callbackOutcome(start) {
  return new Promise((resolve) => {
    try {
      start((error, value) => resolve(error ? { error: errorShape(error) } : { value }));
    } catch (error) {
      resolve({ error: errorShape(error) });
    }
  });
}

/** A value the fuzzer may pass where Node expects something else. */
export function oddValue(random) {
  return random.pick([
    undefined, null, NaN, -1, 0, 1.5, 2 ** 31, -(2 ** 53), Infinity, '', '9', 'abc',
    {}, [], [1], true, false, 10n, () => {}, new Date(0), Symbol('odd'),
  ]);
}

/**
 * `data` cut at random places into consecutive pieces: single bytes, short pieces
 * (up to `short`) and long ones (up to `long`), mixed.
 */
export function randomChunks(random, data, { short = 64, long = 40000 } = {}) {
  const chunks = [];
  for (let at = 0; at < data.length; ) {
    const next = Math.min(data.length, at + random.pick([1, random.int(1, short), random.int(short, long)]));
    chunks.push(data.subarray(at, next));
    at = next;
  }
  return chunks;
}
