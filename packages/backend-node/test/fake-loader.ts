/**
 * A fake ModuleLoader: packages are "installed" by listing them, and loading
 * runs the given function (which may throw, like a broken binding does).
 */
import type { ModuleLoader } from '../src/index.js';

export interface FakePackage {
  version?: string;
  load: () => unknown;
}

export interface FakeLoader extends ModuleLoader {
  /** Names passed to load(), in order. */
  loaded: string[];
}

export function fakeLoader(installed: Record<string, FakePackage>): FakeLoader {
  const loaded: string[] = [];
  return {
    loaded,
    resolve: (name) => (installed[name] ? `/fake/node_modules/${name}/package.json` : undefined),
    version: (name) => installed[name]?.version,
    load: (name) => {
      loaded.push(name);
      const pkg = installed[name];
      if (!pkg) throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
      return pkg.load();
    },
  };
}

/** The errors real broken installs throw (copied from tfjs-node 4.22 and the dynamic linker). */
export const ERRORS = {
  bindingMissing: () =>
    new Error(
      'The Node.js native addon module (tfjs_binding.node) can not be found at path: ' +
        '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node. \n' +
        "Please run command 'npm rebuild @tensorflow/tfjs-node --build-addon-from-source' to rebuild the native addon module.",
    ),
  libtensorflow: () =>
    new Error('libtensorflow_cc.so.2: cannot open shared object file: No such file or directory'),
  cuda: () => new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory'),
  abi: () =>
    new Error(
      "The module '/x/tfjs_binding.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 108.",
    ),
  other: () => new Error('boom'),
};
