// Runs the Node that runs the tests in a child process, from the package root (where
// `hotpath/...` resolves to this checkout), and returns what it printed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function runNode(args, { env = {}, cwd = ROOT, timeout = 120_000 } = {}) {
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout,
  });
  if (result.error) throw result.error;
  return result;
}

/** The JSON a child printed on its last line; fails with its stderr when it did not. */
export function lastJSON(result) {
  const lines = result.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    throw new Error(`child printed no JSON (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
