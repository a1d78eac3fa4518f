#!/usr/bin/env node
'use strict';
// main() prints deliberate errors itself and resolves to the exit code; what
// reaches here is a bug, so its stack is kept.
require('../dist/index.cjs').main(process.argv).then(
  (code) => { process.exitCode = code ?? 0; },
  (err) => { process.stderr.write(`hourglass: internal error: ${(err && err.stack) || err}\n`); process.exitCode = 1; },
);
