// Every js code block in docs/*.md runs, in a child Node at the package root, and
// prints what the comments on its console.log lines say it prints.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { runNode } from './helpers/child-node.mjs';

const DOCS = new URL('../docs/', import.meta.url);

function jsBlocks(text) {
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** What the block's `console.log(…); // printed` lines say it prints, in order. */
function expectedOutput(block) {
  return [...block.matchAll(/console\.log\(.*\);\s*\/\/ (.+)$/gm)].map((match) => match[1].trim());
}

for (const file of fs.readdirSync(DOCS).filter((name) => name.endsWith('.md')).sort()) {
  jsBlocks(fs.readFileSync(new URL(file, DOCS), 'utf8')).forEach((block, index) => {
    test(`docs/${file}: code block ${index + 1} runs and prints what it says`, () => {
      const result = runNode(['-e', block]);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.stdout.trim().split('\n'), expectedOutput(block));
    });
  });
}
