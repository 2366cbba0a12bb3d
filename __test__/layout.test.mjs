// The house's floors, as CONTRIBUTING.md › Layout draws them: every import of src/ and
// lib/ goes to the same room or down, never up and never to a peer module, and no
// files import each other in a loop. Read from the sources' own import lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function filesUnder(dir, pattern) {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((name) => pattern.test(name))
    .map((name) => path.posix.join(dir, name.split(path.sep).join('/')));
}

// ---- src/ ------------------------------------------------------------------------

// The Rust rooms by floor: the ground holds what every module may use, then the napi
// plumbing, then the modules, which never import each other.
const RUST_FLOORS = {
  text: 1,
  js_memory: 1,
  pool: 1,
  work_control: 1,
  test_random: 0, // test support for every floor's unit tests
  binding: 2,
  buffer: 3,
  crypto: 3,
  readline: 3,
  string_decoder: 3,
  workers: 3,
  zlib: 3,
};

/** The top-level room a src/ file belongs to (`src/zlib/napi/stream.rs` → zlib). */
function rustRoom(file) {
  return file.split('/')[1].replace(/\.rs$/, '');
}

/** The rooms Rust source names through `crate::…` (in `use` lines and paths). */
function cratePaths(text) {
  return [...text.matchAll(/\bcrate::([a-z_]+)/g)].map((match) => match[1]);
}

function rustImports(file) {
  return cratePaths(readFileSync(path.join(root, file), 'utf8'));
}

/** `file -> room` for each import of `file` (whose source is `text`) that is not down or in its room. */
function rustViolations(file, imports) {
  const room = rustRoom(file);
  return imports.filter((target) => target !== room && RUST_FLOORS[target] >= RUST_FLOORS[room]).map((target) => `${file} -> ${target}`);
}

const rustFiles = filesUnder('src', /\.rs$/).filter((file) => file !== 'src/lib.rs');

test('every src/ room is on a floor of the map', () => {
  const rooms = new Set(rustFiles.map(rustRoom));
  assert.deepEqual([...rooms].filter((room) => !(room in RUST_FLOORS)), []);
});

test('src/ imports go down a floor or stay in their room, never up or to a peer module', () => {
  assert.deepEqual(rustFiles.flatMap((file) => rustViolations(file, rustImports(file))), []);
});

test('module engines are pure Rust: only a napi file or folder imports the napi plumbing', () => {
  const wrong = rustFiles.filter(
    (file) => RUST_FLOORS[rustRoom(file)] === 3 && !/\/napi(\.rs|\/)/.test(file) && rustImports(file).includes('binding'),
  );
  assert.deepEqual(wrong, []);
});

// ---- lib/ ------------------------------------------------------------------------

/**
 * The floor of a lib/ file: 1 the shared files of lib/internal/ and the register hooks,
 * 2 the text layer, 3 a module's internals, 4 a face, 5 the `hotpath` command and
 * status() (lib/cli/, which reads every face and what each chose). Its room is its folder.
 */
function jsPlace(file) {
  const parts = file.split('/');
  if (parts[1] === 'cli') return { floor: 5, room: 'cli' };
  if (parts.length === 2) return { floor: 4, room: `face:${parts[1]}` };
  if (parts.length === 3) return { floor: 1, room: 'shared' };
  if (parts[2] === 'text') return { floor: 2, room: 'text' };
  if (parts[2] === 'register') return { floor: 1, room: 'register' };
  return { floor: 3, room: parts[2] };
}

/** The lib/ files a JS file requires or imports by a relative path. */
function jsImports(file) {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:require\(|from |import\()\s*'(\.[^']+)'/g)].map((match) => match[1]);
  return specifiers.map((specifier) => path.posix.join(path.posix.dirname(file), specifier)).filter((target) => target.startsWith('lib/'));
}

const jsFiles = filesUnder('lib', /\.(js|mjs)$/);

/** A face may use its own module's internals (lib/cli/ reads every module's); lib/register.js its hooks. */
function ownInternals(file, target) {
  const face = path.posix.basename(file).replace(/\.js$/, '');
  return target.startsWith(`lib/internal/${face}/`);
}

/** `file -> target` for each of `targets` that is neither down nor in `file`'s room. */
function jsViolations(file, targets) {
  const from = jsPlace(file);
  return targets
    .filter((target) => {
      const to = jsPlace(target);
      const down = to.floor < from.floor && (to.floor !== 3 || from.floor === 5 || ownInternals(file, target));
      return to.room !== from.room && !down;
    })
    .map((target) => `${file} -> ${target}`);
}

test('lib/ imports go down a floor or stay in their room, and no module reaches into another', () => {
  assert.deepEqual(jsFiles.flatMap((file) => jsViolations(file, jsImports(file))), []);
});

/** The first loop of imports in `edges` (file → files), or null. */
function findLoop(edges) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) || []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const loop = visit(next);
        if (loop) return loop;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    if (!state.has(node)) {
      const loop = visit(node);
      if (loop) return loop;
    }
  }
  return null;
}

test('no lib/ files import each other in a loop', () => {
  assert.equal(findLoop(new Map(jsFiles.map((file) => [file, jsImports(file)]))), null);
});

test('no src/ rooms import each other in a loop', () => {
  const edges = new Map();
  for (const file of rustFiles) {
    const room = rustRoom(file);
    const targets = edges.get(room) || new Set();
    for (const target of rustImports(file)) if (target !== room) targets.add(target);
    edges.set(room, targets);
  }
  assert.equal(findLoop(edges), null);
});

test('the checks see the imports the old layout had: binding up into a module, readline into a peer, a loop', () => {
  const oldJsString = 'use crate::string_decoder::text::JsText;';
  assert.deepEqual(rustViolations('src/binding/js_string.rs', cratePaths(oldJsString)), ['src/binding/js_string.rs -> string_decoder']);
  const oldCount = 'use crate::string_decoder::node_decoder::incomplete_utf8_tail_len;';
  assert.deepEqual(rustViolations('src/readline/count.rs', cratePaths(oldCount)), ['src/readline/count.rs -> string_decoder']);
  assert.deepEqual(rustViolations('src/readline/count.rs', cratePaths('use crate::text::node_decoder;')), []);
  const lineDecoder = 'lib/internal/readline/line-decoder.js';
  assert.equal(jsViolations(lineDecoder, ['lib/internal/string_decoder/decoder.js']).length, 1);
  assert.equal(jsViolations(lineDecoder, ['lib/internal/text/decoder-state.js']).length, 0);
  assert.equal(jsViolations('lib/zlib.js', ['lib/internal/crypto/hash.js']).length, 1);
  assert.deepEqual(findLoop(new Map([['binding', ['string_decoder']], ['string_decoder', ['binding']]])), [
    'binding',
    'string_decoder',
    'binding',
  ]);
});
