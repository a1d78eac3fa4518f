/**
 * The test configuration of packages whose tests run models: tfjs on its cpu
 * backend (set up by cpu-backend.js before any test file loads), each file in
 * its own process, a minute per test. A package's `vitest.config.ts` re-exports
 * it, or passes extra setup files and options through `cpuTestConfig`.
 *
 * @example
 * // packages/variants/<name>/vitest.config.ts
 * export { default } from '@hourglass/tools/vitest';
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const cpuBackend = fileURLToPath(new URL('./cpu-backend.js', import.meta.url));

export function cpuTestConfig({ setupFiles = [], ...test } = {}) {
  return defineConfig({ test: { setupFiles: [cpuBackend, ...setupFiles], testTimeout: 60_000, pool: 'forks', ...test } });
}

export default cpuTestConfig();
