// npm run bench [-- module …]: runs benches/<module>.bench.mjs (all of them by default),
// prints one table per module headed by the machine, and writes benches/results.json,
// benches/RESULTS.md and benches/RESULTS.svg. Results are kept per Node major (each
// version's ratios are against its own built-ins): a run replaces the running major's
// tables of the modules it ran; every other table stays as its last run left it.
// npm run bench:check [-- module …] (`--check`): runs only the same-result check of
// every case (each contender once, no timing, nothing written), as CI does.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timeCase, settings } from './harness.mjs';
import { checkSameResult } from './same-result.mjs';
import { summarize, printTable, markdown, svgChart, formatBytes } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_JSON = path.join(HERE, 'results.json');

function benchFiles(names) {
  const all = fs.readdirSync(HERE).filter((f) => f.endsWith('.bench.mjs')).sort();
  if (names.length === 0) return all;
  const wanted = names.map((n) => (n.endsWith('.bench.mjs') ? n : `${n}.bench.mjs`));
  const unknown = wanted.filter((f) => !all.includes(f));
  if (unknown.length > 0) throw new Error(`no such bench: ${unknown.join(', ')} (have: ${all.join(', ')})`);
  return wanted;
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0] ? cpus[0].model.trim() : 'unknown CPU',
    cores: os.availableParallelism ? os.availableParallelism() : cpus.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    rounds: settings.rounds,
  };
}

/** The saved results, per Node major: { machine, versions: { [major]: { [module]: entry } } }. */
function previousResults() {
  try {
    const saved = JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8'));
    return saved.versions ? saved : { versions: {} };
  } catch {
    return { versions: {} };
  }
}

/** Loads benches/<file>, builds its cases, runs `use(bench, cases)`, then its teardown. */
async function withCases(file, use) {
  const bench = (await import(pathToFileURL(path.join(HERE, file)))).default;
  const cases = typeof bench.cases === 'function' ? await bench.cases() : bench.cases;
  try {
    return await use(bench, cases);
  } finally {
    if (bench.teardown) await bench.teardown();
  }
}

async function checkOnly(files) {
  let count = 0;
  for (const file of files) {
    await withCases(file, async (bench, cases) => {
      for (const testCase of cases) {
        await checkSameResult(testCase);
        console.log(`ok ${bench.module}: ${testCase.name}`);
        count++;
      }
    });
  }
  console.log(`every contender of ${count} cases returned the built-in's result (Node ${process.version})`);
}

/**
 * How many cores' worth of other work ran during a short look before the run (all
 * cores' busy time minus this process's own), with a warning from half a core up:
 * such a run's ratios are skewed (a hung process once held a core here for hours, and
 * every bench of that time ran on the other one). A load average would also count
 * the bench run that just ended, as under bench:matrix.
 */
async function otherCpuBeforeRun(lookMs = 500) {
  const before = os.cpus();
  const ownBefore = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, lookMs));
  const after = os.cpus();
  const own = process.cpuUsage(ownBefore);
  let busy = 0;
  let total = 0;
  after.forEach((cpu, index) => {
    const now = cpu.times;
    const then = before[index] ? before[index].times : now;
    const spent = now.user + now.nice + now.sys + now.irq + now.idle - (then.user + then.nice + then.sys + then.irq + then.idle);
    total += spent;
    busy += spent - (now.idle - then.idle);
  });
  const perCore = total / Math.max(1, after.length);
  const others = perCore > 0 ? Math.max(0, busy - (own.user + own.system) / 1000) / perCore : 0;
  if (others >= 0.5) {
    console.warn(`warning: other work used ${others.toFixed(1)} of ${after.length} cores just before this run; the ratios will show it (check ps)`);
  }
  return Math.round(others * 100) / 100;
}

async function main() {
  const args = process.argv.slice(2);
  const files = benchFiles(args.filter((arg) => arg !== '--check'));
  if (args.includes('--check')) return checkOnly(files);
  const info = machine();
  console.log(`hotpath benchmarks — ${info.cpu}, ${info.cores} cores, Node ${info.node} (${info.platform})`);
  console.log(`median of ${settings.rounds} alternating rounds of ~${settings.roundMs} ms per contender`);
  const otherCpu = await otherCpuBeforeRun();
  const saved = previousResults();
  const major = process.versions.node.split('.')[0];
  const modules = (saved.versions[major] ||= {});
  for (const [index, file] of files.entries()) {
    await withCases(file, async (bench, cases) => {
      const rows = [];
      for (const [caseIndex, testCase] of cases.entries()) {
        const size = testCase.bytes ? ` (${formatBytes(testCase.bytes)})` : '';
        process.stderr.write(`[${index + 1}/${files.length}] ${bench.module}: case ${caseIndex + 1}/${cases.length} ${testCase.name}${size}\n`);
        rows.push(summarize(bench.module, testCase, await timeCase(testCase)));
      }
      printTable(bench.module, rows);
      modules[bench.module] = { measuredAt: new Date().toISOString(), node: process.version, otherCpu, rows };
    });
  }
  const results = { machine: info, versions: saved.versions };
  fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(HERE, 'RESULTS.md'), markdown(results));
  fs.writeFileSync(path.join(HERE, 'RESULTS.svg'), svgChart(results));
  console.log(`\nwrote benches/results.json, benches/RESULTS.md, benches/RESULTS.svg`);
}

main().catch((error) => {
  console.error(`\nBENCH FAILED: ${error.message}\n`);
  console.error(error);
  process.exitCode = 1;
});
