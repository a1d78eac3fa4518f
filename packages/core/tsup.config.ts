import { packageConfig } from '@hourglass/tools/tsup';

// Splitting keeps one copy of core's modules shared by both entries, so
// `@hourglass/core/testing` throws the same error classes as `@hourglass/core`.
export default packageConfig(
  { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  { noExternal: [/register_all_gradients/], splitting: true },
);
