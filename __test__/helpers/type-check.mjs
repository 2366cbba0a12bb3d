// Runs this checkout's TypeScript compiler on a tsconfig and reads its diagnostics.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The compilers the types are checked with: the newest, and the oldest hotpath supports. */
export const COMPILERS = {
  newest: 'typescript',
  oldest: 'typescript-5.0',
};

const tscOf = (compiler) => path.join(path.dirname(require.resolve(`${compiler}/package.json`)), 'bin', 'tsc');

export function compilerVersion(compiler) {
  return require(`${compiler}/package.json`).version;
}

export function runTsc(project, compiler = COMPILERS.newest) {
  const result = spawnSync(process.execPath, [tscOf(compiler), '-p', project], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Line numbers (1-based) of `file` that tsc reported an error on. */
export function errorLines(output, file) {
  const name = path.basename(file).replace(/[.]/g, '\\.');
  return [...new Set([...output.matchAll(new RegExp(`${name}\\((\\d+),\\d+\\): error`, 'g'))].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

/** Line numbers of `file` marked `// wrong`. */
export function markedLines(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (/\/\/ wrong\b/.test(line) ? [index + 1] : []));
}
