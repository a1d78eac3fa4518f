import { packageConfig } from '../../tools/tsup.base';

// shims: the CJS build gets `import.meta.url` (used to find the optional dataset packages).
export default packageConfig({ index: 'src/index.ts' }, { shims: true });
