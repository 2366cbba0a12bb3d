'use strict';

// Which built-ins hotpath/register sends to hotpath's faces, and which importers keep
// the built-in: hotpath's own files, whose faces are built on top of it.

const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

const ROOT = path.join(__dirname, '..', '..', '..');

/** Built-in name → the face a `require` gets and the face an `import` gets. */
const FACES = Object.freeze({
  zlib: { require: 'lib/zlib.js', import: 'esm/zlib.mjs' },
  crypto: { require: 'lib/crypto.js', import: 'esm/crypto.mjs' },
  string_decoder: { require: 'lib/string_decoder.js', import: 'esm/string_decoder.mjs' },
  readline: { require: 'lib/readline.js', import: 'esm/readline.mjs' },
  buffer: { require: 'lib/buffer.js', import: 'esm/buffer.mjs' },
});

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
  if (setting === undefined || setting.trim() === '') return Object.keys(FACES);
  const chosen = [];
  for (const raw of setting.split(',')) {
    const name = raw.trim().replace(/^node:/, '');
    if (name === '') continue;
    if (!Object.hasOwn(FACES, name)) {
      const error = new Error(
        `hotpath/register: HOTPATH_REGISTER names '${name}', which hotpath has no face for ` +
          `(known: ${Object.keys(FACES).join(', ')})`,
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

function isOwnFile(filename) {
  if (typeof filename !== 'string') return false;
  return OWN_FILES.includes(filename) || OWN_DIRS.some((dir) => filename.startsWith(dir));
}

function isOwnURL(url) {
  if (typeof url !== 'string' || !url.startsWith('file:')) return false;
  try {
    return isOwnFile(fileURLToPath(url));
  } catch {
    return false;
  }
}

/**
 * The redirect table for `modules`: built-in name → absolute paths and file URLs of
 * its faces. Plain data, so the off-thread loader of module.register() can take it.
 */
function faceTable(modules) {
  const table = {};
  for (const name of modules) {
    const requirePath = path.join(ROOT, FACES[name].require);
    const importPath = path.join(ROOT, FACES[name].import);
    table[name] = {
      requirePath,
      requireURL: pathToFileURL(requirePath).href,
      importURL: pathToFileURL(importPath).href,
    };
  }
  return table;
}

module.exports = { FACES, OWN_DIRS, OWN_FILES, chosenModules, builtinName, isOwnFile, isOwnURL, faceTable };
