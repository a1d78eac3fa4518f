/**
 * Finding out whether a native backend is usable, without selecting it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classifyLoadError, errorMessage, explainStatus } from './classify.js';
import type { Candidate } from './errors.js';
import { defaultLoader, type ModuleLoader } from './loader.js';
import { candidatePackages, type NodePackage } from './packages.js';
import { checkThreadsOption, settleThreads } from './threads.js';

/**
 * Options shared by every function that looks for tfjs-node.
 *
 * @example
 * const o: NodeOptions = { gpu: false };
 */
export interface NodeOptions {
  /**
   * `undefined` (default): prefer `@tensorflow/tfjs-node-gpu`, fall back to
   * `@tensorflow/tfjs-node`. `true`: only the GPU build. `false`: only the CPU build.
   */
  gpu?: boolean;
  /**
   * TensorFlow's intra-op threads (how many threads one op may use). Read
   * once, when TensorFlow loads: default `TF_NUM_INTRAOP_THREADS` from the
   * environment, else one less than the machine's cores (at least 1; see
   * `threads.ts` for the measurements behind it).
   */
  threads?: number;
  /**
   * Run this package's kernels for the ops that take a small constant input
   * (Reshape, Sum, Mean, Max, Min, Prod, Concat, SplitV: the same
   * TensorFlow ops on cached constant handles) instead of tfjs-node's,
   * which make a tensor for that constant at every call, and core's fused
   * bias + activation and Adam kernels. Default true.
   */
  fastKernels?: boolean;
  /** How packages are found and loaded; tests pass a fake. Default: Node's `require`. */
  loader?: ModuleLoader;
}

/**
 * The outcome of {@link detectNode}.
 *
 * @example
 * const d: NodeDetection = { available: true, package: '@tensorflow/tfjs-node', version: '4.22.0', candidates: [] };
 */
export interface NodeDetection {
  available: boolean;
  /** The package that loaded (when available). */
  package?: NodePackage;
  version?: string;
  /** Why nothing is available, one clause per package tried (when not available). */
  reason?: string;
  /** Every package tried, in order, with what happened to it. */
  candidates: Candidate[];
}

/** A loaded package, for the other modules of this package. */
export interface LoadedPackage {
  package: NodePackage;
  version: string | undefined;
  module: unknown;
  candidates: Candidate[];
}

/**
 * Tries the candidate packages in order and returns the first that loads.
 * Loading tfjs-node registers and selects its 'tensorflow' backend; this
 * function puts back the backend that was selected before, if any.
 */
export async function loadFirstPackage(options: NodeOptions = {}): Promise<LoadedPackage | Candidate[]> {
  checkThreadsOption(options.threads);
  const loader = options.loader ?? defaultLoader;
  const candidates: Candidate[] = [];
  for (const pkg of candidatePackages(options.gpu)) {
    if (loader.resolve(pkg) === undefined) {
      candidates.push({ package: pkg, status: 'not-installed' });
      continue;
    }
    const version = loader.version(pkg);
    const before = tf.engine().backendName;
    let module: unknown;
    try {
      settleThreads(options.threads, loader.isLoaded?.(pkg) === true);
      module = loader.load(pkg);
    } catch (error) {
      candidates.push({ package: pkg, status: classifyLoadError(error), version, error: errorMessage(error) });
      continue;
    }
    if (before && tf.engine().backendName !== before) await tf.setBackend(before);
    candidates.push({ package: pkg, status: 'loaded', version });
    return { package: pkg, version, module, candidates };
  }
  return candidates;
}

/**
 * Reports whether `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` is
 * installed and loadable (GPU build first), and if not, why not: not
 * installed, native binding missing, libtensorflow failed to load, ...
 * It does not change the selected backend.
 *
 * @example
 * const native = await detectNode();
 * if (native.available) console.log(`using ${native.package}@${native.version}`);
 * else console.log(`no native backend: ${native.reason}`);
 */
export async function detectNode(options: NodeOptions = {}): Promise<NodeDetection> {
  const found = await loadFirstPackage(options);
  if (!Array.isArray(found)) {
    return { available: true, package: found.package, version: found.version, candidates: found.candidates };
  }
  const reason = found
    .map((c) => `${c.package}: ${explainStatus(c.status)}${c.error ? ` (${c.error})` : ''}`)
    .join('; ');
  return { available: false, reason, candidates: found };
}
