'use strict';

// hotpath/register: `node --require hotpath/register app.js` or
// `node --import hotpath/register app.mjs` sends every require/import of zlib, crypto,
// string_decoder, readline and buffer (with or without `node:`) in the whole process to
// hotpath's faces, so dependencies one does not own get them too. HOTPATH_REGISTER
// (e.g. `zlib,crypto`) limits it to chosen modules. hotpath's own files still reach
// the built-ins. process.getBuiltinModule() is not a require and is not redirected.

const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const { chosenModules, faceTable } = require('./internal/register/faces.js');

// --require and --import together, or a Worker inheriting both, must hook once.
const INSTALLED = Symbol.for('hotpath.register.installed');

function install() {
  const modules = chosenModules();
  if (globalThis[INSTALLED]) return globalThis[INSTALLED];
  const table = faceTable(modules);
  let mechanism;
  if (typeof Module.registerHooks === 'function') {
    require('./internal/register/sync-hooks.js').installSyncHooks(table);
    mechanism = 'module.registerHooks';
  } else {
    require('./internal/register/require-patch.js').installRequirePatch(table);
    Module.register(pathToFileURL(require.resolve('./internal/register/loader-hooks.mjs')).href, {
      data: { table },
    });
    mechanism = 'module.register + Module._load';
  }
  const state = Object.freeze({ modules: Object.freeze(modules), mechanism });
  Object.defineProperty(globalThis, INSTALLED, { value: state });
  return state;
}

module.exports = install();
