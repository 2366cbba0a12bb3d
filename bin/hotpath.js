#!/usr/bin/env node
'use strict';

// `npx hotpath doctor|bench`: see lib/cli/main.js.

require('../lib/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
