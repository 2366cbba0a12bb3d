'use strict';

// The addon copies what an async call reads (JS may detach or shrink a buffer while
// the work runs) and keeps a few big copy buffers for the next big call, which then
// copies into memory already mapped. A face reports each async call's input size;
// after a second without a big one, the kept buffers are freed.

const { native } = require('./native.js');
const { keptBuffer } = require('./kept-buffer.js');

/** `copied(bytes)`: an async call has copied `bytes` bytes of input. */
const copied = native ? keptBuffer(() => native.releaseKeptCopies(), native.KEPT_COPY_MIN_BYTES) : () => {};

module.exports = { copied };
