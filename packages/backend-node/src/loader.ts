/**
 * How the adapter finds and loads the optional packages. Loading happens only
 * when a function of this package is called, never when it is imported, so a
 * missing tfjs-node can never break `import '@hourglass/backend-node'`.
 * Tests inject a fake loader to exercise detection without tfjs-node.
 */
import { createRequire } from 'node:module';

/**
 * Finds and loads packages by name.
 *
 * @example
 * // a fake for tests: nothing is installed
 * const none: ModuleLoader = { resolve: () => undefined, version: () => undefined, load: () => { throw new Error('absent'); } };
 */
export interface ModuleLoader {
  /** Path of the installed package's `package.json`, or `undefined` when it is not installed. */
  resolve(name: string): string | undefined;
  /** The installed package's version, or `undefined` when unknown. */
  version(name: string): string | undefined;
  /** Loads the package (runs its entry point). Throws whatever loading throws. */
  load(name: string): unknown;
  /** Whether the package was loaded already, by anyone (optional; unknown when absent). */
  isLoaded?(name: string): boolean;
}

let nodeRequire: NodeRequire | undefined;
function req(): NodeRequire {
  // Resolved from this package's location, like a static import would be.
  nodeRequire ??= createRequire(import.meta.url);
  return nodeRequire;
}

/**
 * The real loader: Node's `require`, created with `createRequire` on first use.
 * tfjs-node is a CommonJS package, so `require` loads it in both the ESM and
 * the CJS build of this package.
 *
 * @example
 * defaultLoader.resolve('@tensorflow/tfjs-node'); // '/…/node_modules/@tensorflow/tfjs-node/package.json' or undefined
 */
export const defaultLoader: ModuleLoader = {
  resolve(name) {
    try {
      return req().resolve(`${name}/package.json`);
    } catch {
      return undefined;
    }
  },
  version(name) {
    try {
      return (req()(`${name}/package.json`) as { version?: string }).version;
    } catch {
      return undefined;
    }
  },
  isLoaded(name) {
    try {
      return req().cache[req().resolve(name)] !== undefined;
    } catch {
      return false;
    }
  },
  load(name) {
    // TensorFlow's C library logs CPU-feature notices to stderr at load;
    // keep them out of a CLI's output unless the user asked for a log level.
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    return req()(name);
  },
};
