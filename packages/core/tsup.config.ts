import { packageConfig } from '@hourglass/tools/tsup';
import { tfjsGradientsPlugin } from './build/tfjs-gradients-plugin';

// Splitting keeps one copy of core's modules shared by both entries, so
// `@hourglass/core/testing` throws the same error classes as `@hourglass/core`.
// tfjs-core's gradient registration is bundled (Node cannot import it as shipped),
// reading every op it needs from the public tfjs-core entry (build/tfjs-gradients-plugin.ts).
export default packageConfig(
  { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  { noExternal: [/register_all_gradients/], splitting: true, esbuildPlugins: [tfjsGradientsPlugin()] },
);
