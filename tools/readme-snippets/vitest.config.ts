import { defineConfig } from 'vitest/config';

// The snippets run one after another: each is a Node process that may train a model.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false } });
