/**
 * @hourglass/core/testing: the suites every plug-in and backend package runs.
 * Needs vitest (an optional peer dependency of @hourglass/core).
 */
export { variantContractSuite, suiteData, type VariantSuiteOptions } from './variant-suite.js';
export { backendConformanceSuite, type BackendSuiteOptions } from './backend-suite.js';
