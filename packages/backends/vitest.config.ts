import { defineConfig } from 'vitest/config';

// The conformance suite trains small models on each backend: minutes, not seconds, under load.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
