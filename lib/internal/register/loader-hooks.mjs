// hotpath/register's `import` side on a Node without module.registerHooks: the resolve
// hook of module.register(), which runs on the loader thread. Its data is the redirect
// table and hotpath's own folders, built by faces.js on the main thread.

import { fileURLToPath } from 'node:url';

let table = {};
let ownDirs = [];
let ownFiles = [];

export function initialize(data) {
  table = data.table;
  ownDirs = data.ownDirs;
  ownFiles = data.ownFiles;
}

function isOwnURL(url) {
  if (typeof url !== 'string' || !url.startsWith('file:')) return false;
  const file = fileURLToPath(url);
  return ownFiles.includes(file) || ownDirs.some((dir) => file.startsWith(dir));
}

export async function resolve(specifier, context, nextResolve) {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (Object.hasOwn(table, name) && !isOwnURL(context.parentURL)) {
    return { url: table[name].importURL, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
