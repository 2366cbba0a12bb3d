'use strict';

// The errors of hotpath/zlib, shaped as Node's zlib makes them.

const { makeNodeError, makeNativeStyleError } = require('../errors.js');

/** The native side's `{ message, code, errno }` (a Buffer or undefined is a result). */
function isErrorInfo(result) {
  return result !== undefined && typeof result.errno === 'number';
}

/** Node's engine error: a plain Error with `errno` and `code` (genericNodeError). */
function zlibError(info) {
  const error = new Error(info.message);
  error.errno = info.errno;
  error.code = info.code;
  return error;
}

function bufferTooLarge(maxLength) {
  return makeNodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${maxLength} bytes`);
}

function trailingJunk() {
  return makeNodeError(TypeError, 'ERR_TRAILING_JUNK_AFTER_STREAM_END', 'Trailing junk found after the end of the compressed stream');
}

/** C brotli refused a parameter value (BrotliEncoderSetParameter returned false). */
// Node throws this one from C++: a plain Error with a code ('Error: …' as its string).
function initializationFailed() {
  return makeNativeStyleError(Error, 'ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed');
}

/** The error a one-shot call reports for a native failure. */
function oneShotError(info, maxOutputLength) {
  return info.code === 'ERR_BUFFER_TOO_LARGE' ? bufferTooLarge(maxOutputLength) : zlibError(info);
}

module.exports = { isErrorInfo, zlibError, bufferTooLarge, oneShotError, trailingJunk, initializationFailed };
