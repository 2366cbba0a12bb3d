'use strict';

// Which built-ins hotpath/register sends to hotpath's faces, and which importers keep
// the built-in: hotpath's own files, whose faces are built on top of it.

const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * The faces with a built-in of the same name behind them: a `require` of one gets
 * lib/<name>.js, an `import` esm/<name>.mjs.
 */
const FACES = Object.freeze(['zlib', 'crypto', 'string_decoder', 'readline', 'buffer']);

// Files of hotpath whose imports of a built-in must reach the built-in itself.
// Only these: in a checkout, other packages live under ROOT/node_modules and are
// redirected like any dependency.
const OWN_DIRS = ['lib', 'esm'].map((dir) => path.join(ROOT, dir) + path.sep);
const OWN_FILES = ['index.js', 'binding.js'].map((file) => path.join(ROOT, file));

/**
 * The modules HOTPATH_REGISTER names (comma-separated, `node:` prefix allowed), or
 * every face when it is unset or empty. An unknown name throws: a typo must not
 * silently leave a module on the built-in.
 */
function chosenModules(setting = process.env.HOTPATH_REGISTER) {
  if (setting === undefined || setting.trim() === '') return [...FACES];
  const chosen = [];
  for (const raw of setting.split(',')) {
    const name = raw.trim().replace(/^node:/, '');
    if (name === '') continue;
    if (!FACES.includes(name)) {
      const error = new Error(
        `hotpath/register: HOTPATH_REGISTER names '${name}', which hotpath has no face for ` +
          `(known: ${FACES.join(', ')})`,
      );
      error.code = 'HOTPATH_UNKNOWN_FACE';
      throw error;
    }
    if (!chosen.includes(name)) chosen.push(name);
  }
  return chosen;
}

/** A specifier as `require`/`import` spell a built-in ('zlib', 'node:zlib') → its name. */
function builtinName(specifier) {
  return typeof specifier === 'string' && specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/** Whether an importer (a file path, or a file URL) is one of hotpath's own files. */
function isOwnImporter(importer) {
  if (typeof importer !== 'string') return false;
  let file = importer;
  if (importer.startsWith('file:')) {
    try {
      file = fileURLToPath(importer);
    } catch {
      return false;
    }
  }
  return OWN_FILES.includes(file) || OWN_DIRS.some((dir) => file.startsWith(dir));
}

/**
 * The table's entry for `specifier` ('zlib' or 'node:zlib'), unless it names no
 * redirected built-in or the importer is hotpath's own.
 */
function redirectFor(table, specifier, importer) {
  const name = builtinName(specifier);
  return Object.hasOwn(table, name) && !isOwnImporter(importer) ? table[name] : undefined;
}

/**
 * The redirect table for `modules`: built-in name → absolute paths and file URLs of
 * its faces. Plain data, so the off-thread loader of module.register() can take it.
 */
function faceTable(modules) {
  const table = {};
  for (const name of modules) {
    const requirePath = path.join(ROOT, 'lib', `${name}.js`);
    const importPath = path.join(ROOT, 'esm', `${name}.mjs`);
    table[name] = {
      requirePath,
      requireURL: pathToFileURL(requirePath).href,
      importURL: pathToFileURL(importPath).href,
    };
  }
  return table;
}

module.exports = { FACES, chosenModules, faceTable, redirectFor };
