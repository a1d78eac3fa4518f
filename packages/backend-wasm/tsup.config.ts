import { packageConfig } from '@hourglass/tools/tsup';

// shims: the CJS build gets a working `import.meta.url` (used to locate
// @tensorflow/tfjs-backend-wasm's files in Node).
export default packageConfig({ index: 'src/index.ts' }, { shims: true });
