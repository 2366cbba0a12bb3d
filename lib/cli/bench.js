'use strict';

// `hotpath bench`: times each case's built-in way against hotpath's in this process,
// after checking both give the same answer, alternating them round by round so that
// neither always runs on a warmer machine, and reports medians and ratios.

const { benchCases } = require('./bench-cases.js');

const SETTINGS = {
  quick: { size: 1 << 20, rounds: 11, roundMs: 30 },
  full: { size: 8 << 20, rounds: 15, roundMs: 150 },
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nanoseconds per call of `fn`, run `times` times in a row. */
async function timeCalls(fn, times) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await fn();
  return Number(process.hrtime.bigint() - start) / times;
}

/** How many calls fill about `roundMs`, from one timed call (at least one). */
async function callsPerRound(fn, roundMs) {
  const once = await timeCalls(fn, 1);
  return Math.max(1, Math.min(100_000, Math.round((roundMs * 1e6) / Math.max(once, 1))));
}

/** A case's row: median ns per call of each side, throughput and ratio; throws if they disagree. */
async function runCase(testCase, settings) {
  const builtinResult = await testCase.builtin();
  const hotpathResult = await testCase.hotpath();
  if (!testCase.same(builtinResult, hotpathResult)) {
    const error = new Error(`BENCH FAILED: hotpath's result for "${testCase.module}: ${testCase.name}" differs from the built-in's`);
    error.code = 'HOTPATH_BENCH_MISMATCH';
    throw error;
  }
  const sides = [
    ['builtin', testCase.builtin, []],
    ['hotpath', testCase.hotpath, []],
  ];
  for (const side of sides) side.push(await callsPerRound(side[1], settings.roundMs));
  // One untimed round each, so the first timed one does not pay for compiling.
  for (const [, fn, , calls] of sides) await timeCalls(fn, calls);
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const [, fn, samples, calls] of order) samples.push(await timeCalls(fn, calls));
  }
  const ns = Object.fromEntries(sides.map(([name, , samples]) => [name, median(samples)]));
  const mbPerSecond = (nsPerCall) => testCase.bytes / 1e6 / (nsPerCall / 1e9);
  return {
    module: testCase.module,
    case: testCase.name,
    bytes: testCase.bytes,
    builtinMBps: mbPerSecond(ns.builtin),
    hotpathMBps: mbPerSecond(ns.hotpath),
    ratio: ns.builtin / ns.hotpath,
  };
}

/**
 * Runs the cases of `modules` (all when empty), from `makeCases(size)`;
 * `onCase(index, total, testCase)` is told before each starts. Resolves to the rows.
 */
async function runBench({ modules = [], quick = false, onCase = () => {}, makeCases = benchCases } = {}) {
  const settings = quick ? SETTINGS.quick : SETTINGS.full;
  const cases = makeCases(settings.size).filter((c) => modules.length === 0 || modules.includes(c.module));
  const rows = [];
  for (const [index, testCase] of cases.entries()) {
    onCase(index, cases.length, testCase);
    rows.push(await runCase(testCase, settings));
  }
  return { node: process.version, quick, rounds: settings.rounds, rows };
}

/** The rows as a table: throughput of each side and hotpath ÷ built-in. */
function formatBench(result) {
  const header = ['module', 'case', 'built-in MB/s', 'hotpath MB/s', 'ratio'];
  const body = result.rows.map((row) => [row.module, row.case, row.builtinMBps.toFixed(0), row.hotpathMBps.toFixed(0), `${row.ratio.toFixed(2)}×`]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells) => cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  return [
    line(header),
    ...body.map(line),
    '',
    `Node ${result.node}, median of ${result.rounds} alternating rounds. ratio = built-in time ÷ hotpath time: above 1, hotpath is faster.`,
  ].join('\n');
}

module.exports = { runBench, formatBench };
