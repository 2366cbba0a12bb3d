'use strict';

// Rebuilds, from the addon's `errno:<n>:<syscall>` marker, the error Node's fs.readFile
// would give for the same failure: `ENOENT: no such file or directory, open '/x'` with
// errno, code, syscall and path. Whether a failed read (EISDIR …) names the path too
// changed in Node 26; the running Node's fs.readFile is asked once, on the first failure.

const fs = require('node:fs');
const util = require('node:util');

const MARKER = /^errno:(\d+):(\w+)$/;

let readErrorsNamePath = null;

/** Resolves to true where fs.readFile's read errors carry the path (Node 26+). */
function readErrorsNamePathRule() {
  // This module's own folder: a directory that exists wherever hotpath is installed.
  readErrorsNamePath ??= fs.promises.readFile(__dirname).then(
    () => false,
    (error) => error.code === 'EISDIR' && error.path !== undefined,
  );
  return readErrorsNamePath;
}

/** The fs-shaped error for an addon error (other errors come back as they are). */
async function fsErrorFromNative(error, path) {
  const match = error && typeof error.message === 'string' ? MARKER.exec(error.message) : null;
  if (!match) return error;
  return fsError(-Number(match[1]), match[2], path);
}

/** The error fs.readFile gives when `syscall` fails with `errno` (negative, as libuv's). */
async function fsError(errno, syscall, path) {
  const namesPath = syscall === 'open' || (await readErrorsNamePathRule());
  const [code, description] = util.getSystemErrorMap().get(errno) || ['UNKNOWN', 'unknown error'];
  const systemError = new Error(`${code}: ${description}, ${syscall}${namesPath ? ` '${path}'` : ''}`);
  systemError.errno = errno;
  systemError.code = code;
  systemError.syscall = syscall;
  if (namesPath) systemError.path = path;
  return systemError;
}

module.exports = { fsErrorFromNative, fsError };
