'use strict';

// hotpath/register on a Node with module.registerHooks (22.15+, 23.5+, 24, 26): one
// in-thread resolve hook serves `require` and `import` alike.

const Module = require('node:module');
const { redirectFor } = require('./faces.js');

function installSyncHooks(table) {
  return Module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const face = redirectFor(table, specifier, context.parentURL);
      if (face) {
        const wantsImport = Array.isArray(context.conditions) && context.conditions.includes('import');
        return wantsImport
          ? { url: face.importURL, format: 'module', shortCircuit: true }
          : { url: face.requireURL, format: 'commonjs', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}

module.exports = { installSyncHooks };
