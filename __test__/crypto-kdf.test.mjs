// hotpath/crypto's pbkdf2 and pbkdf2Sync against node:crypto: keys, errors, async resources.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import node from 'node:crypto';
import { seededRandom, randomText } from './helpers/random.mjs';
import { NATIVE, outcome } from './helpers/crypto.mjs';

const require = createRequire(import.meta.url);
const hotpath = require('hotpath/crypto');

test('pbkdf2Sync and pbkdf2 derive the keys node:crypto derives', async () => {
  const random = seededRandom(55);
  for (let i = 0; i < 60; i++) {
    const digest = random.pick([...NATIVE, 'sha224', 'SHA256']);
    const password = random.pick([random.bytes(random.int(0, 100)), randomText(random, 20), new Uint8Array(random.bytes(8)).buffer]);
    const salt = random.pick([random.bytes(random.int(0, 40)), 'salt']);
    const iterations = random.int(1, 300);
    const keylen = random.pick([0, 1, 16, 20, 32, 64, 65, 200]);
    const label = `${digest} ${iterations} ${keylen}`;
    const expected = outcome(() => node.pbkdf2Sync(password, salt, iterations, keylen, digest));
    assert.deepEqual(outcome(() => hotpath.pbkdf2Sync(password, salt, iterations, keylen, digest)), expected, label);
    const derive = (crypto) => new Promise((resolve) => {
      crypto.pbkdf2(password, salt, iterations, keylen, digest, (error, key) => resolve(error ? outcome(() => { throw error; }) : { value: key }));
    });
    assert.deepEqual(await derive(hotpath), await derive(node), label);
  }
});

test('pbkdf2 with keylen 0 gives what the running node:crypto gives (a Buffer on 20, an error on 22+)', async () => {
  for (const digest of ['sha1', 'sha256', 'sha512']) {
    assert.deepEqual(outcome(() => hotpath.pbkdf2Sync('pw', 'salt', 1, 0, digest)), outcome(() => node.pbkdf2Sync('pw', 'salt', 1, 0, digest)));
    const derive = (crypto) => new Promise((resolve) => {
      crypto.pbkdf2('pw', 'salt', 1, 0, digest, (error, key) => resolve(error ? [error.constructor.name, error.code, error.message] : key));
    });
    assert.deepEqual(await derive(hotpath), await derive(node));
  }
});

test('pbkdf2 work is a PBKDF2REQUEST async resource whose scope the callback runs in, as in node:crypto', async () => {
  const { createHook, executionAsyncId, triggerAsyncId } = await import('node:async_hooks');
  async function trace(crypto) {
    const resources = new Map();
    const events = [];
    const hook = createHook({
      init(id, type, trigger) {
        if (type === 'PBKDF2REQUEST') resources.set(id, trigger);
      },
      before(id) {
        if (resources.has(id)) events.push('before');
      },
      after(id) {
        if (resources.has(id)) events.push('after');
      },
      destroy(id) {
        if (resources.has(id)) events.push('destroy');
      },
    }).enable();
    const caller = executionAsyncId();
    const inCallback = await new Promise((resolve) => {
      crypto.pbkdf2('password', 'salt', 1, 20, 'sha256', () => {
        const id = executionAsyncId();
        resolve({ own: resources.has(id), trigger: resources.get(id) === caller && triggerAsyncId() === caller });
      });
    });
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    hook.disable();
    return { count: resources.size, inCallback, events };
  }
  const ours = await trace(hotpath);
  assert.deepEqual(ours, await trace(node));
  assert.deepEqual(ours, { count: 1, inCallback: { own: true, trigger: true }, events: ['before', 'after', 'destroy'] });
});
