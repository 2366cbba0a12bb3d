// Every js and mjs code block in README.md and docs/*.md is a complete program: saved
// as a .js or .mjs file and run by the tested Node as a user runs a file, it prints what
// the comments on its console.log lines say it prints. A block that reads files names them on a line
// `// needs: path, path`; each is made (some lines of text) in a fresh directory
// under .cache/snippets/ that the block runs in, where `hotpath/…` resolves to this
// checkout and the devDependencies (fastify, express, …) are found.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runNode } from './helpers/child-node.mjs';

const SNIPPETS = path.join(ROOT, '.cache', 'snippets');
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];

function codeBlocks(text) {
  return [...text.matchAll(/^```(js|mjs)\n([\s\S]*?)^```/gm)].map((match) => ({ kind: match[1], source: match[2] }));
}

/** What the block's `console.log(…); // printed` lines say it prints, in order. */
function expectedOutput(source) {
  return [...source.matchAll(/console\.log\(.*\);\s*\/\/ (.+)$/gm)].map((match) => match[1].trim());
}

/** The files a block names on its `// needs:` line. */
function neededFiles(source) {
  const line = source.match(/^\/\/ needs: (.+)$/m);
  return line ? line[1].split(',').map((name) => name.trim()) : [];
}

/** A fresh directory holding the files the block needs. */
function workDirFor(name, files) {
  const dir = path.join(SNIPPETS, name.replace(/[^\w.-]+/g, '-'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i + 1}: ${'some text to compress '.repeat(i % 5)}`);
    fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
  }
  return dir;
}

after(() => fs.rmSync(SNIPPETS, { recursive: true, force: true }));

// The version rules are a reference without an API of their own to show.
const WITHOUT_EXAMPLE = new Set(['docs/compatibility.md']);

test('the README and every module page have a code block to run (the pattern still finds them)', () => {
  const pages = PAGES.filter((page) => !WITHOUT_EXAMPLE.has(page));
  const counts = pages.map((page) => codeBlocks(fs.readFileSync(path.join(ROOT, page), 'utf8')).length);
  assert.ok(counts.every((count) => count > 0), pages.map((page, i) => `${page}: ${counts[i]}`).join(', '));
});

for (const page of PAGES) {
  codeBlocks(fs.readFileSync(path.join(ROOT, page), 'utf8')).forEach(({ kind, source }, index) => {
    test(`${page}: ${kind} block ${index + 1} runs and prints what it says`, () => {
      const cwd = workDirFor(`${page}-${index + 1}`, neededFiles(source));
      const file = `snippet.${kind}`;
      fs.writeFileSync(path.join(cwd, file), source);
      const result = runNode([file], { cwd, timeout: 60_000 });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.stdout.trim().split('\n'), expectedOutput(source));
    });
  });
}
