/**
 * Selecting the native backend for everything built on @tensorflow/tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NodeOptions } from './detect.js';
import { NodeBackendError } from './errors.js';
import { GPU_PACKAGE, NODE_TFJS_BACKEND, type NodePackage } from './packages.js';
import { requirePackage } from './require-package.js';
import { settledThreads } from './threads.js';
import { useNativeKernels } from './kernels/register.js';

/**
 * What `setupNode` selected.
 *
 * @example
 * const info: NodeBackendInfo = { backend: 'tensorflow', package: '@tensorflow/tfjs-node', version: '4.22.0', gpu: false, threads: 1 };
 */
export interface NodeBackendInfo {
  backend: 'tensorflow';
  package: NodePackage;
  version: string | undefined;
  /** True when the CUDA build (`@tensorflow/tfjs-node-gpu`) is in use. */
  gpu: boolean;
  /** TensorFlow's intra-op threads, as settled when it loaded (see `NodeOptions.threads`). */
  threads: number;
}

/**
 * Loads tfjs-node and activates its backend; the body of `setupNode` (see
 * its documentation in `adapter.ts`).
 */
export async function startNode(options: NodeOptions = {}): Promise<NodeBackendInfo> {
  const native = await requirePackage(options);
  const threads = settledThreads()!;
  if (options.threads !== undefined && options.threads !== threads)
    throw new NodeBackendError(
      'THREADS_FIXED',
      `TensorFlow was loaded in this process with ${threads} intra-op thread${threads === 1 ? '' : 's'}, and it reads the count only when it loads; ` +
        `threads: ${options.threads} cannot apply now. Pass it to the first setupNode call (or set TF_NUM_INTRAOP_THREADS before starting Node).`,
      native.candidates,
    );
  // setBackend throws when the name is not registered (e.g. the package registered it in another engine).
  const ok = await tf.setBackend(NODE_TFJS_BACKEND).catch(() => false);
  if (ok) await tf.ready();
  if (!ok || tf.getBackend() !== NODE_TFJS_BACKEND) {
    throw new NodeBackendError(
      'BACKEND_NOT_ACTIVE',
      `${native.package} loaded, but @tensorflow/tfjs-core reports backend '${tf.getBackend()}' instead of ` +
        `'${NODE_TFJS_BACKEND}'. tfjs-node and this package probably see different copies of @tensorflow/tfjs-core: ` +
        'make sure exactly one copy is installed, of the version tfjs-node was released with (`npm ls @tensorflow/tfjs-core`).',
      native.candidates,
    );
  }
  // only on tfjs-node's backend object (tests load stand-ins without a binding)
  if ('binding' in tf.backend()) useNativeKernels(options.fastKernels !== false);
  return { backend: NODE_TFJS_BACKEND, package: native.package, version: native.version, gpu: native.package === GPU_PACKAGE, threads };
}
