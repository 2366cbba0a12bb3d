// The bench harness's same-result check (benches/same-result.mjs): a case whose
// contenders do different work must stop the run, naming the contender.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSameResult, fingerprint, keep } from '../benches/same-result.mjs';

const bytes = Buffer.from('the same bytes');

test('a peer returning different bytes stops the check, named', async () => {
  const testCase = {
    name: 'planted',
    builtin: () => bytes,
    hotpath: () => Buffer.from(bytes),
    peers: { wrong: () => Buffer.from('other bytes') },
  };
  await assert.rejects(checkSameResult(testCase), /planted: wrong returned a different result from built-in/);
});

test('hotpath returning a different result stops the check', async () => {
  const testCase = { name: 'planted', builtin: async () => [1, 2, 3], hotpath: async () => [1, 2, 4] };
  await assert.rejects(checkSameResult(testCase), /planted: hotpath returned a different result/);
});

test('the same bytes in a Buffer and a Uint8Array are the same result', async () => {
  const testCase = { name: 'views', builtin: () => bytes, hotpath: () => new Uint8Array(bytes), peers: { copy: () => Buffer.from(bytes) } };
  await checkSameResult(testCase);
});

test('a built-in result other than the expected one stops the check', async () => {
  const testCase = { name: 'round trip', builtin: () => Buffer.from('x'), hotpath: () => Buffer.from('x'), expected: bytes };
  await assert.rejects(checkSameResult(testCase), /round trip: the built-in's result is not the expected one/);
});

test('result() compares decoded outputs, and noteFrom sees every raw result', async () => {
  const testCase = {
    name: 'compressors',
    builtin: () => 'a+b',
    hotpath: () => 'a|b',
    peers: { bad: () => 'a|c' },
    result: (output) => output.split(/[+|]/),
    noteFrom: (raw) => Object.keys(raw).join(','),
  };
  await assert.rejects(checkSameResult(testCase), /compressors: bad returned/);
  delete testCase.peers;
  await checkSameResult(testCase);
  assert.equal(testCase.note, 'built-in,hotpath');
});

test('kept pieces are the result of an emitting case: shifted line breaks differ', async () => {
  const lines = (list) => () => {
    let total = 0;
    for (const line of list) total += keep(line).length;
    return total;
  };
  const same = { name: 'lines', emits: true, builtin: lines(['ab', 'c']), hotpath: lines(['ab', 'c']) };
  await checkSameResult(same);
  const shifted = { name: 'lines', emits: true, builtin: lines(['ab', 'c']), hotpath: lines(['a', 'bc']) };
  await assert.rejects(checkSameResult(shifted), /lines: hotpath returned/);
  const joined = { ...shifted, result: (pieces) => pieces.join('') };
  await checkSameResult(joined);
});

test('keep() keeps nothing outside a check', () => {
  assert.equal(keep('x'), 'x');
});

test('fingerprints tell apart what deep equality of totals would not', () => {
  assert.notEqual(fingerprint('\ud800'), fingerprint('\ufffd'));
  assert.notEqual(fingerprint(['ab', 'c']), fingerprint(['a', 'bc']));
  assert.notEqual(fingerprint('12'), fingerprint(12));
  assert.equal(fingerprint({ a: 1, b: [2] }), fingerprint({ b: [2], a: 1 }));
  assert.throws(() => fingerprint(new Map()), /cannot compare a result of type \[object Map\]/);
});
