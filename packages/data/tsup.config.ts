import { packageConfig } from '@hourglass/tools/tsup';

// index: Node, with the file readers; browser: no Node builtins (the `browser` condition, ./browser).
// Split into chunks, so that with `sideEffects: false` a browser bundle that never calls
// decodeImage drops pngjs and jpeg-js: esbuild cuts chunks by which entries reach a module,
// and `decode-image` (not in the exports map) is an entry only to give the browser decoders
// a chunk of their own. test/browser-bundle.test.ts checks the result.
// shims: the CJS build gets `import.meta.url` (used to find the optional dataset packages).
export default packageConfig(
  { index: 'src/index.ts', browser: 'src/browser.ts', 'decode-image': 'src/formats/image-decode-browser.ts' },
  { shims: true, splitting: true },
);
