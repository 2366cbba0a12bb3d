'use strict';

// hotpath/workers: native parallel kernels over SharedArrayBuffer memory. Node has no
// built-in counterpart; the kernels are hotpath extras and arrive with their own issue.

module.exports = {};
