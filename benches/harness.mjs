// Timing and statistics for benches/run.mjs: every contender of a case runs on the
// same input in the same process, alternating round by round, and is reported by the
// median over rounds of mitata's per-round median.

import { measure } from 'mitata';
import { checkSameResult, contenders } from './same-result.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS || 150);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeOnce(fn, testCase) {
  // A case may measure something other than the call's time (an event-loop delay):
  // `sample(fn)` resolves to that quantity, in nanoseconds.
  if (testCase.sample) return testCase.sample(fn);
  const stats = await measure(fn, { min_cpu_time: ROUND_MS * 1e6, min_samples: testCase.minSamples || 5 });
  return stats.p50; // nanoseconds per call
}

/** Median nanoseconds per call for each contender, keyed by label. */
export async function timeCase(testCase) {
  await checkSameResult(testCase);
  const list = contenders(testCase);
  const samples = new Map(list.map(([name]) => [name, []]));
  // Long cases (hundreds of ms a call) may ask for fewer samples per round.
  const rounds = testCase.rounds || ROUNDS;
  for (let round = 0; round < rounds; round++) {
    // Alternate the order each round so neither side always runs on a warmer machine.
    const order = round % 2 === 0 ? list : [...list].reverse();
    for (const [name, fn] of order) samples.get(name).push(await timeOnce(fn, testCase));
  }
  return Object.fromEntries([...samples].map(([name, times]) => [name, median(times)]));
}

export const settings = { rounds: ROUNDS, roundMs: ROUND_MS };
