'use strict';

// hotpath/register's `require` side on a Node without module.registerHooks (20, and
// 22 before 22.15). Node offers no public hook for CommonJS there, so the least
// invasive way is taken: Module._load, the one function every require(), createRequire
// and `node:`-prefixed request passes through, is wrapped to swap the request for the
// face's path; everything else passes through untouched, with the same arguments.

const Module = require('node:module');
const { redirectFor } = require('./faces.js');

function installRequirePatch(table) {
  const load = Module._load;
  Module._load = function _load(request, parent, isMain) {
    const face = redirectFor(table, request, parent && parent.filename);
    if (face) return load.call(this, face.requirePath, parent, isMain);
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(load, this, arguments);
  };
}

module.exports = { installRequirePatch };
