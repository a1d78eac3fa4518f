/**
 * What `require('@hourglass/core/testing')` loads. The testing entry is ESM
 * only: its suites register vitest tests, and vitest is ESM only. A CommonJS
 * caller gets this error, which says how to load it instead.
 */
'use strict';
const { HourglassError } = require('@hourglass/errors');

throw new HourglassError('@hourglass/core/testing is ESM only (its suites run on vitest, which is ESM only) and cannot be loaded with require()', {
  code: 'ESM_ONLY',
  hint: [
    "import it from an ES module test file (.mjs, .mts, or a package with \"type\": \"module\"): import { variantContractSuite } from '@hourglass/core/testing'; or, from CommonJS, await import('@hourglass/core/testing')",
  ],
});
