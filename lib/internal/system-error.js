'use strict';

// Rebuilds, from the addon's `errno:<n>:<syscall>` marker, the error Node's fs would
// throw for the same failure: `ENOENT: no such file or directory, open '/x'` with
// errno, code, syscall and path.

const util = require('node:util');

const MARKER = /^errno:(\d+):(\w+)$/;

function fsErrorFromNative(error, path) {
  const match = error && typeof error.message === 'string' ? MARKER.exec(error.message) : null;
  if (!match) return error;
  const errno = -Number(match[1]);
  const syscall = match[2];
  const [code, description] = util.getSystemErrorMap().get(errno) || ['UNKNOWN', 'unknown error'];
  const withPath = syscall === 'open' ? ` '${path}'` : '';
  const systemError = new Error(`${code}: ${description}, ${syscall}${withPath}`);
  systemError.errno = errno;
  systemError.code = code;
  systemError.syscall = syscall;
  if (syscall === 'open') systemError.path = path;
  return systemError;
}

module.exports = { fsErrorFromNative };
