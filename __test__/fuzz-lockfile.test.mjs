// The fuzz crate has its own lockfile (it is its own workspace). It must pin every
// engine dependency at the addon's version, or the fuzzers test other code than
// users run: once it resolved zlib-rs 0.6.9, whose panic the addon (on 0.6.8) lacks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';

function versions(path) {
  const text = readFileSync(new URL(path, import.meta.url), 'utf8');
  const pinned = new Map();
  for (const block of text.split('[[package]]').slice(1)) {
    const name = /^name = "(.+)"$/m.exec(block)?.[1];
    const version = /^version = "(.+)"$/m.exec(block)?.[1];
    if (name) pinned.set(`${name}@${version}`, name);
  }
  return pinned;
}

test('fuzz/Cargo.lock holds the version Cargo.lock pins of each crate they share', () => {
  const addon = versions('../Cargo.lock');
  const fuzz = versions('../fuzz/Cargo.lock');
  const fuzzNames = new Set(fuzz.values());
  // A crate may appear in several versions (the fuzzer's own deps add some); the
  // addon's version must be among them.
  const missing = [...addon.keys()].filter((key) => fuzzNames.has(addon.get(key)) && !fuzz.has(key));
  assert.deepEqual(missing, []);
});
