'use strict';

// The few internals of Node's readline Interface that hotpath's subclass overrides or
// shares. They are private symbols, so they are found by identity where a public alias
// exists (`_normalWrite`, `_onLine`) and by behaviour on a throwaway interface
// otherwise. If any cannot be found (a Node version that changed them), `found` is
// false and hotpath/readline leaves Node's Interface as it is.

const readline = require('node:readline');
const { PassThrough } = require('node:stream');

function protoSymbolFor(proto, method) {
  return Object.getOwnPropertySymbols(proto).find((symbol) => proto[symbol] === method);
}

function discover() {
  const base = Object.getPrototypeOf(readline.Interface.prototype);
  const kNormalWrite = protoSymbolFor(base, readline.Interface.prototype._normalWrite);
  const kOnLine = protoSymbolFor(base, readline.Interface.prototype._onLine);
  if (!kNormalWrite || !kOnLine) return { found: false };

  const probe = new readline.Interface({ input: new PassThrough(), terminal: false });
  const before = new Set(Object.getOwnPropertySymbols(probe));
  const kSawReturnAt = [...before].find((symbol) => symbol.description === '_sawReturnAt' && probe[symbol] === 0);
  probe._normalWrite(Buffer.from('hotpath-probe'));
  const kLineBuffer = Object.getOwnPropertySymbols(probe).find((symbol) => probe[symbol] === 'hotpath-probe');
  const answer = () => {};
  probe.question('', answer);
  const kQuestionCallback = Object.getOwnPropertySymbols(probe).find((symbol) => probe[symbol] === answer);
  probe.close();
  if (!kSawReturnAt || !kLineBuffer || !kQuestionCallback) return { found: false };
  return { found: true, kNormalWrite, kOnLine, kSawReturnAt, kLineBuffer, kQuestionCallback };
}

module.exports = discover();
