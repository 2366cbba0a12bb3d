import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runTsc, errorLines, markedLines } from './helpers/type-check.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

test('the .d.ts files type-check every export of every face under strict mode', () => {
  const { status, output } = runTsc(here('./types/tsconfig.json'));
  assert.equal(status, 0, output);
});

test('a wrong call to a face fails to type-check, on exactly the lines marked wrong', () => {
  const { status, output } = runTsc(here('./types/negative/tsconfig.json'));
  assert.notEqual(status, 0);
  const file = here('./types/negative/wrong-calls.ts');
  assert.deepEqual(errorLines(output, file), markedLines(file), output);
});
