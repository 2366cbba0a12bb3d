'use strict';

// The `hotpath` command: `doctor` and `bench`, with `--json` for both. Exit codes:
// 0 done, 1 the addon did not load (or a bench check failed), 2 a wrong command line.

const { status, MODULES } = require('./status.js');
const { addonState } = require('../internal/native.js');
const { formatStatus } = require('./doctor.js');
const { runBench, formatBench } = require('./bench.js');

const USAGE = `usage: hotpath doctor [--json]
       hotpath bench [module …] [--quick] [--json]

  doctor   the Node version, whether hotpath's native addon loaded (and from where),
           its thread pool, and per module which functions are native on this Node
  bench    times hotpath against this Node's built-ins on this machine (results are
           checked equal first); --quick takes under 30 s
  modules: ${MODULES.join(', ')}`;

class UsageError extends Error {}

function parse(args) {
  const [command, ...rest] = args;
  const flags = new Set(rest.filter((arg) => arg.startsWith('-')));
  const words = rest.filter((arg) => !arg.startsWith('-'));
  const known = command === 'bench' ? ['--json', '--quick'] : ['--json'];
  const unknownFlag = [...flags].find((flag) => !known.includes(flag));
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'doctor' && command !== 'bench') throw new UsageError(`unknown command: ${command}`);
  if (unknownFlag) throw new UsageError(`unknown option for ${command}: ${unknownFlag}`);
  if (command === 'doctor' && words.length > 0) throw new UsageError(`doctor takes no arguments: ${words.join(' ')}`);
  const unknownModule = words.find((word) => !MODULES.includes(word));
  if (unknownModule) throw new UsageError(`unknown module: ${unknownModule}`);
  return { command, modules: words, json: flags.has('--json'), quick: flags.has('--quick') };
}

/** One progress line per case on stderr, rewritten in place on a terminal. */
function progressReporter(stream) {
  return (index, total, testCase) => {
    const text = `hotpath bench: [${index + 1}/${total}] ${testCase.module}: ${testCase.name}`;
    if (stream.isTTY) stream.write(`\r\x1b[K${text}${index + 1 === total ? '\n' : ''}`);
    else stream.write(`${text}\n`);
  };
}

async function main(args, { stdout = process.stdout, stderr = process.stderr } = {}) {
  let options;
  try {
    options = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`hotpath: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.command === 'help') {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.command === 'doctor') {
    const report = status();
    stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatStatus(report)}\n`);
    return report.addon.loaded ? 0 : 1;
  }
  const addon = addonState();
  if (!addon.loaded) {
    stderr.write(`hotpath bench: the native addon did not load, so every call is Node's own: ${addon.reason}\n`);
    return 1;
  }
  try {
    const result = await runBench({ modules: options.modules, quick: options.quick, onCase: progressReporter(stderr) });
    stdout.write(`${options.json ? JSON.stringify(result, null, 2) : formatBench(result)}\n`);
    return 0;
  } catch (error) {
    if (error.code !== 'HOTPATH_BENCH_MISMATCH') throw error;
    stderr.write(`${error.message}\n`);
    return 1;
  }
}

module.exports = { main };
