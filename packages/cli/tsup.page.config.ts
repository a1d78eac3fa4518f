/**
 * The page of `hourglass serve`, bundled for browsers into dist/page/
 * (page.js with everything it imports, and index.html): built after the
 * CLI itself, which cleans dist/ first.
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { page: 'page/main.ts' },
  outDir: 'dist/page',
  publicDir: 'page/public',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  noExternal: [/.*/],
  // Node builtins are reached only through dynamic import() on Node code paths (core's directory store)
  external: builtinModules.flatMap((m) => [m, `node:${m}`]),
  minify: true,
  sourcemap: false,
  dts: false,
  clean: false,
  splitting: false,
  outExtension: () => ({ js: '.js' }),
});
