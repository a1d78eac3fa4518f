/**
 * @hourglass/core/testing: the suites every plug-in and backend package runs.
 * Needs vitest (an optional peer dependency of @hourglass/core).
 */
export { variantContractSuite, variantContractChecks, type VariantSuiteOptions } from './variant-suite.js';
export { suiteData } from './suite-data.js';
export { sineWindows, type SineWindows } from './sine-windows.js';
export type { ContractCheck, RoleOptOuts } from './role-checks.js';
export { backendConformanceSuite, conformanceCases, type BackendSuiteOptions, type LayerCase } from './backend-suite.js';
