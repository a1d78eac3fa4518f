/**
 * The one build configuration every package shares: ESM + CJS + d.ts, Node 20
 * target, sourcemaps. A package's own `tsup.config.ts` is two lines that pass
 * its entry points here. Plain JavaScript (typed by tsup.d.ts) so that tsup
 * loads it from node_modules without compiling it.
 *
 * @example
 * // packages/<name>/tsup.config.ts
 * import { packageConfig } from '@hourglass/tools/tsup';
 * export default packageConfig({ index: 'src/index.ts' });
 */
import { defineConfig } from 'tsup';

export function packageConfig(entry, extra = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: false,
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    ...extra,
  });
}
