// Runs a CommonJS snippet in a child Node whose addon cannot load (the loader is
// pointed at a file that does not exist), from the package root.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function runWithoutAddon(source, env = {}) {
  return spawnSync(process.execPath, ['-e', source], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/hotpath.node', ...env },
  });
}
