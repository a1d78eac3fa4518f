#!/usr/bin/env node
'use strict';
require('../dist/index.cjs').main(process.argv).then(
  (code) => { process.exitCode = code ?? 0; },
  (err) => { process.stderr.write(`hourglass: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; },
);
