'use strict';

// Argument checks with Node's order of tests and Node's errors.

const { invalidArgType, outOfRange } = require('./errors.js');

function validateUint32(value, name, positive = false) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  const min = positive ? 1 : 0;
  if (value < min || value > 4_294_967_295) throw outOfRange(name, `>= ${min} && <= 4294967295`, value);
}

module.exports = { validateUint32 };
