import { packageConfig } from '@hourglass/tools/tsup';

// shims: the CJS build gets `import.meta.url` (createRequire finds the optional tfjs-node packages from here).
export default packageConfig({ index: 'src/index.ts' }, { shims: true });
