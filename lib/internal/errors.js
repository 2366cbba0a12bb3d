'use strict';

// Node-shaped errors: same class, an enumerable own `code`, the same message, and a
// stack headed `TypeError [CODE]: message` like Node's internal errors.

const { inspect } = require('node:util');

const PRIMITIVE_TYPES = new Set(['string', 'function', 'number', 'object', 'boolean', 'bigint', 'symbol']);

// One subclass per (class, code), as Node has: `instanceof TypeError` holds,
// `constructor` reads as the base class, and toString() names the code.
const errorClasses = new Map();

function nodeErrorClass(Base, code) {
  const key = `${Base.name}:${code}`;
  let NodeError = errorClasses.get(key);
  if (!NodeError) {
    NodeError = class extends Base {
      get ['constructor']() {
        return Base;
      }

      toString() {
        return `${this.name} [${code}]: ${this.message}`;
      }
    };
    errorClasses.set(key, NodeError);
  }
  return NodeError;
}

function makeNodeError(Base, code, message) {
  const error = new (nodeErrorClass(Base, code))(message);
  error.code = code;
  // V8 formats the stack header from `name` on first access; read it once while the
  // name carries the code, then let `name` fall back to the prototype's again.
  Object.defineProperty(error, 'name', { value: `${Base.name} [${code}]`, configurable: true, writable: true });
  error.stack; // eslint-disable-line no-unused-expressions
  delete error.name;
  return error;
}

/** An error as Node's C++ layer throws it: the plain class with a `code`, no code in the stack. */
function makeNativeStyleError(Base, code, message) {
  const error = new Base(message);
  error.code = code;
  return error;
}

function formatList(items, joiner) {
  if (items.length <= 2) return items.join(` ${joiner} `);
  return `${items.slice(0, -1).join(', ')}, ${joiner} ${items[items.length - 1]}`;
}

function describeReceived(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint':
      return `type bigint (${value}n)`;
    case 'number':
      if (value === 0) return Object.is(value, -0) ? 'type number (-0)' : 'type number (0)';
      return `type number (${value})`;
    case 'boolean':
      return `type boolean (${value})`;
    case 'symbol':
      return `type symbol (${String(value)})`;
    case 'function':
      return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor) {
        return `an instance of ${value.constructor.name}`;
      }
      return inspect(value, { depth: -1 });
    case 'string': {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`;
    }
    default:
      return inspect(value, { colors: false });
  }
}

/** `expected` lists type names ('string') and class names ('Buffer'), as Node's does. */
function invalidArgType(name, expected, actual) {
  const list = Array.isArray(expected) ? expected : [expected];
  const types = list.filter((e) => PRIMITIVE_TYPES.has(e.toLowerCase())).map((e) => e.toLowerCase());
  const instances = list.filter((e) => !PRIMITIVE_TYPES.has(e.toLowerCase()));
  const objectAt = types.indexOf('object');
  if (instances.length > 0 && objectAt !== -1) {
    types.splice(objectAt, 1);
    instances.push('Object');
  }
  const kind = name.includes('.') ? 'property' : 'argument';
  let message = name.endsWith(' argument') ? `The ${name} must be ` : `The "${name}" ${kind} must be `;
  if (types.length > 0) {
    message += `${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types, 'or')}`;
    if (instances.length > 0) message += ' or ';
  }
  if (instances.length > 0) message += `an instance of ${formatList(instances, 'or')}`;
  message += `. Received ${describeReceived(actual)}`;
  return makeNodeError(TypeError, 'ERR_INVALID_ARG_TYPE', message);
}

function invalidArgValue(name, value, reason = 'is invalid') {
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return makeNodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

function withNumericalSeparator(digits) {
  const start = digits[0] === '-' ? 1 : 0;
  let grouped = '';
  let end = digits.length;
  for (; end >= start + 4; end -= 3) grouped = `_${digits.slice(end - 3, end)}${grouped}`;
  return `${digits.slice(0, end)}${grouped}`;
}

function outOfRange(name, range, received) {
  let shown;
  if (Number.isInteger(received) && Math.abs(received) > 2 ** 32) {
    shown = withNumericalSeparator(String(received));
  } else if (typeof received === 'bigint') {
    shown = String(received);
    if (received > 2n ** 32n || received < -(2n ** 32n)) shown = withNumericalSeparator(shown);
    shown += 'n';
  } else {
    shown = inspect(received);
  }
  return makeNodeError(
    RangeError,
    'ERR_OUT_OF_RANGE',
    `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`,
  );
}

module.exports = { makeNodeError, makeNativeStyleError, invalidArgType, invalidArgValue, outOfRange };
