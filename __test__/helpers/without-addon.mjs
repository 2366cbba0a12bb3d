// Runs a CommonJS snippet in a child Node whose addon cannot load (the loader is
// pointed at a file that does not exist), from the package root.

import { runNode } from './child-node.mjs';

export function runWithoutAddon(source, env = {}) {
  return runNode(['-e', source], { env: { NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/hotpath.node', ...env } });
}
