// Starts one of __test__/servers/*.cjs in a child Node and waits for its address.
import { spawn } from 'node:child_process';
import { ROOT } from './child-node.mjs';

export function startServer(script, { nodeArgs = [], env = {} } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (piece) => (stderr += piece));
  const address = new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (piece) => {
      stdout += piece;
      const match = /listening (\S+)\n/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`${script} exited (${code}) before listening:\n${stderr}`)));
  });
  return {
    address,
    stderr: () => stderr,
    stop() {
      child.kill();
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
    },
  };
}
