import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runTsc, errorLines, markedLines, COMPILERS, compilerVersion } from './helpers/type-check.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

// skipLibCheck is off in both projects: the .d.ts files themselves are checked.
for (const compiler of Object.values(COMPILERS)) {
  const version = compilerVersion(compiler);

  test(`TypeScript ${version}: the .d.ts files type-check every export of every face under strict mode`, () => {
    const { status, output } = runTsc(here('./types/tsconfig.json'), compiler);
    assert.equal(status, 0, output);
  });

  test(`TypeScript ${version}: a wrong call to a face fails to type-check, on exactly the lines marked wrong`, () => {
    const { status, output } = runTsc(here('./types/negative/tsconfig.json'), compiler);
    assert.notEqual(status, 0);
    const file = here('./types/negative/wrong-calls.ts');
    assert.deepEqual(errorLines(output, file), markedLines(file), output);
  });
}

test('the oldest TypeScript checked is the one the docs state', async () => {
  const { readFile } = await import('node:fs/promises');
  const docs = await readFile(new URL('../docs/extras.md', import.meta.url), 'utf8');
  assert.ok(docs.includes(`TypeScript ${compilerVersion(COMPILERS.oldest).split('.').slice(0, 2).join('.')}`), 'docs/extras.md names the oldest TypeScript checked');
});

test('WhatwgEncodingLabel lists every WHATWG label the engine decodes, as scripts/whatwg-labels.js generates it', () => {
  const result = spawnSync(process.execPath, [here('../scripts/whatwg-labels.js'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
