/**
 * The one build configuration every package shares: ESM + CJS + d.ts, Node 20
 * target, sourcemaps. A package's own `tsup.config.ts` is two lines that pass
 * its entry points here.
 */
import { defineConfig, type Options } from 'tsup';

export function packageConfig(entry: Record<string, string>, extra: Options = {}) {
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
