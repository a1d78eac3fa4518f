/**
 * Versions, paths and cache keys for tools/setup-tfjs-node.mjs.
 * Everything the other helper files need to agree on lives here.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tfjs-node release we build a binding for (must match @tensorflow/tfjs-core at the repo root). */
export const TFJS_NODE_VERSION = '4.22.0';
/** The TensorFlow wheel whose C library (libtensorflow_cc.so.2) we link against. */
export const TF_WHEEL_NAME = 'tensorflow-cpu';
export const TF_VERSION = '2.21.0';

/** Repository root: tools/setup-tfjs-node/ -> ../.. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Cache root. `HOURGLASS_CACHE` names the Hourglass cache directory (default
 * `$XDG_CACHE_HOME/hourglass`, i.e. `~/.cache/hourglass`); this tool uses its
 * `tfjs-node/` sub-directory. It lives outside the checkout so that a fresh
 * clone or `rm -rf node_modules && npm ci` re-uses the wheel and the binding.
 */
export function cacheRoot(env = process.env) {
  const base =
    env.HOURGLASS_CACHE ||
    path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'hourglass');
  return path.join(path.resolve(base), 'tfjs-node');
}

/** Platform tag used in cache keys, e.g. `linux-x64`. */
export const PLATFORM = `${process.platform}-${process.arch}`;

/** All derived paths for one cache root. */
export function paths(cache = cacheRoot()) {
  const libKey = `libtensorflow-${TF_VERSION}-${PLATFORM}`;
  return {
    cache,
    wheels: path.join(cache, 'wheels'),
    /** Extracted C library: lib/*.so.2 and include/. */
    libtf: path.join(cache, libKey),
    libtfLib: path.join(cache, libKey, 'lib'),
    libtfInclude: path.join(cache, libKey, 'include'),
    /** Self-contained npm prefix holding tfjs-node, its dependencies and the compiled binding. */
    stage: (napi) => path.join(cache, `tfjs-node-${TFJS_NODE_VERSION}-tf${TF_VERSION}-${PLATFORM}-napi${napi}`),
    /** Where the package goes in this checkout. */
    target: path.join(REPO_ROOT, 'node_modules', '@tensorflow', 'tfjs-node'),
    rootModules: path.join(REPO_ROOT, 'node_modules'),
  };
}

/** The key written into stamps; a stamp with another key is stale. */
export function cacheKey(napi) {
  return `tfjs-node@${TFJS_NODE_VERSION}+${TF_WHEEL_NAME}@${TF_VERSION}+${PLATFORM}+napi${napi}`;
}

/** Name of the stamp file written in the staged and in the installed package. */
export const STAMP_FILE = '.hourglass-setup.json';
