// hotpath/register's `import` side on a Node without module.registerHooks: the resolve
// hook of module.register(), which runs on the loader thread. Its data is the redirect
// table faces.js built on the main thread; which files are hotpath's own, faces.js
// says here too.

import faces from './faces.js';

let table = {};

export function initialize(data) {
  table = data.table;
}

export async function resolve(specifier, context, nextResolve) {
  const face = faces.redirectFor(table, specifier, context.parentURL);
  if (face) return { url: face.importURL, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
