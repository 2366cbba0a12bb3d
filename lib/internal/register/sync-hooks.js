'use strict';

// hotpath/register on a Node with module.registerHooks (22.15+, 23.5+, 24, 26): one
// in-thread resolve hook serves `require` and `import` alike.

const Module = require('node:module');
const { builtinName, isOwnURL } = require('./faces.js');

function installSyncHooks(table) {
  return Module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const name = builtinName(specifier);
      if (Object.hasOwn(table, name) && !isOwnURL(context.parentURL)) {
        const wantsImport = Array.isArray(context.conditions) && context.conditions.includes('import');
        return wantsImport
          ? { url: table[name].importURL, format: 'module', shortCircuit: true }
          : { url: table[name].requireURL, format: 'commonjs', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}

module.exports = { installSyncHooks };
