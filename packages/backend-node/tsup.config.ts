import { packageConfig } from '@hourglass/tools/tsup';

// shims: the CJS build gets `import.meta.url` (createRequire finds the optional tfjs-node packages from here).
// browser: the entry of the `browser` export condition, whose adapter never loads tfjs-node.
export default packageConfig({ index: 'src/index.ts', browser: 'src/browser.ts' }, { shims: true });
