// Runs a CommonJS snippet in a child Node whose addon cannot load (the loader is
// pointed, by HOTPATH_ADDON_PATH, at a file that does not exist), from the package root.

import { runNode } from './child-node.mjs';

export function runWithoutAddon(source, env = {}) {
  return runNode(['-e', source], { env: { HOTPATH_ADDON_PATH: '/nonexistent/hotpath.node', ...env } });
}
