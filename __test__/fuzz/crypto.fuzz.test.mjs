// Differential fuzz of hotpath/crypto's Hash, Hmac and pbkdf2 against node:crypto:
// random algorithms (by any name), update sequences in every input form and
// encoding, copies, digest encodings, misuse and odd arguments.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import nodeCrypto from 'node:crypto';
import { fuzzFor, outcome, oddValue } from './budget.mjs';
import { randomText } from '../helpers/random.mjs';

const require = createRequire(import.meta.url);
const face = require('../../lib/crypto.js');

const ALGORITHMS = [
  'md5', 'MD5', 'sha1', 'SHA-1', 'RSA-SHA1', 'sha256', 'SHA256', 'sha-256', '2.16.840.1.101.3.4.2.1', 'sha384',
  'sha512', 'sha512-256', 'sha224', 'sha3-256', 'ripemd160', 'nope',
];
const DIGEST_ENCODINGS = [undefined, 'hex', 'base64', 'base64url', 'latin1', 'binary', 'buffer', 'utf16le', 'ucs2', 'ascii', 'utf8', 'HEX', 'bogus'];
const INPUT_ENCODINGS = [undefined, 'utf8', 'latin1', 'hex', 'base64', 'base64url', 'utf16le', 'ascii', 'binary', 'bogus'];

/** An update argument pair: data in one of the forms Node takes, and an encoding. */
function updateArguments(random) {
  const bytes = random.bytes(random.pick([0, random.int(1, 70), random.int(70, 3000), random.int(3000, 40000)]));
  switch (random.int(0, 6)) {
    case 0:
      return [bytes];
    case 1:
      return [randomText(random, bytes.length), random.pick(INPUT_ENCODINGS)];
    case 2:
      return [random.pick([bytes.toString('hex'), bytes.toString('hex').slice(1), 'zz']), 'hex'];
    case 3:
      return [new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1)];
    case 4:
      return [new DataView(bytes.buffer, bytes.byteOffset, bytes.length)];
    case 5:
      return [bytes.toString('base64'), random.pick(['base64', 'base64url'])];
    default:
      return random.int(0, 3) === 0 ? [oddValue(random)] : [bytes];
  }
}

/** A scripted life of one hash: updates, copies, a digest, and maybe misuse after. */
function script(random) {
  const steps = [];
  for (let i = random.int(0, 6); i > 0; i--) steps.push(random.int(0, 5) === 0 ? ['copy'] : ['update', updateArguments(random)]);
  steps.push(['digest', random.pick(DIGEST_ENCODINGS)]);
  if (random.int(0, 4) === 0) steps.push(random.pick([['digest', 'hex'], ['update', [Buffer.from('x')]], ['copy']]));
  return steps;
}

function play(make, steps) {
  const log = [];
  const created = outcome(make);
  if (created.error) return [created];
  const hashes = [created.value];
  for (const [kind, args] of steps) {
    const current = hashes[hashes.length - 1];
    if (kind === 'copy') {
      const copied = outcome(() => current.copy());
      log.push({ copy: copied.error ?? 'ok' });
      if (copied.value) hashes.push(copied.value);
    } else if (kind === 'update') {
      const updated = outcome(() => current.update(...args));
      log.push({ update: updated.error ?? (updated.value === current) });
    } else {
      log.push({ digest: outcome(() => current.digest(args)) });
      // Every earlier copy still digests what it saw.
      for (const earlier of hashes.slice(0, -1)) log.push({ earlier: outcome(() => earlier.digest('hex')) });
    }
  }
  return log;
}

test('Hash: any update sequence, copies and digest encoding give the built-in results and errors', async () => {
  await fuzzFor('crypto Hash', (random) => {
    const algorithm = random.pick(ALGORITHMS);
    const options = random.int(0, 5) === 0 ? { outputLength: random.pick([0, 16, 32, 64, -1, 1.5, '8']) } : undefined;
    const steps = script(random);
    assert.deepEqual(
      play(() => face.createHash(algorithm, options), steps),
      play(() => nodeCrypto.createHash(algorithm, options), steps),
      algorithm,
    );
  });
});

test('Hmac: any key form, update sequence and digest encoding give the built-in results and errors', async () => {
  await fuzzFor('crypto Hmac', (random) => {
    const algorithm = random.pick(ALGORITHMS);
    const raw = random.bytes(random.pick([0, 1, 20, 64, 65, 128, 200]));
    const key = random.pick([
      raw, raw.toString('latin1'), new Uint8Array(raw), nodeCrypto.createSecretKey(raw), oddValue(random), randomText(random, 30),
    ]);
    const steps = script(random).filter(([kind]) => kind !== 'copy');
    assert.deepEqual(
      play(() => face.createHmac(algorithm, key), steps),
      play(() => nodeCrypto.createHmac(algorithm, key), steps),
      algorithm,
    );
  });
});

test('pbkdf2Sync and pbkdf2 give the built-in keys and errors for any arguments', async () => {
  await fuzzFor('crypto pbkdf2', async (random) => {
    const pick = (good) => (random.int(0, 6) === 0 ? oddValue(random) : good);
    const args = [
      pick(random.pick([random.bytes(random.int(0, 80)), randomText(random, 12)])),
      pick(random.bytes(random.int(0, 40))),
      pick(random.int(1, 300)),
      pick(random.int(0, 200)),
      pick(random.pick(ALGORITHMS)),
    ];
    const sync = (crypto) => outcome(() => crypto.pbkdf2Sync(...args));
    assert.deepEqual(sync(face), sync(nodeCrypto), 'pbkdf2Sync');
    const callback = (crypto) =>
      new Promise((resolve) => {
        try {
          crypto.pbkdf2(...args, (error, key) => resolve(error ? { error: outcome(() => { throw error; }).error } : { value: key }));
        } catch (error) {
          resolve(outcome(() => { throw error; }));
        }
      });
    assert.deepEqual(await callback(face), await callback(nodeCrypto), 'pbkdf2');
  });
});

test('hashManySync and hashMany give each input createHash()\'s digest', async () => {
  await fuzzFor('crypto hashMany', async (random) => {
    const algorithm = random.pick(['md5', 'sha1', 'sha256', 'SHA-256', 'sha384', 'sha512', 'sha512-256']);
    const inputs = Array.from({ length: random.int(0, 6) }, () => random.pick([random.bytes(random.int(0, 9000)), randomText(random, random.int(0, 200))]));
    const encoding = random.pick([undefined, 'hex', 'base64', 'buffer']);
    const expected = inputs.map((input) => nodeCrypto.createHash(algorithm).update(input).digest(encoding === 'buffer' ? undefined : encoding ?? 'hex'));
    assert.deepEqual(face.hashManySync(algorithm, inputs, encoding), expected);
    assert.deepEqual(await face.hashMany(algorithm, inputs, encoding), expected);
  });
});
