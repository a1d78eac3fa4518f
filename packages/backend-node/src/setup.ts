/**
 * Selecting the native backend for everything built on @tensorflow/tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NativeOptions } from './detect.js';
import { NativeBackendError } from './errors.js';
import { GPU_PACKAGE, NATIVE_BACKEND, type NativePackage } from './packages.js';
import { requireNative } from './require-native.js';

/**
 * What `setupNode` selected.
 *
 * @example
 * const info: NodeBackendInfo = { backend: 'tensorflow', package: '@tensorflow/tfjs-node', version: '4.22.0', gpu: false };
 */
export interface NodeBackendInfo {
  backend: 'tensorflow';
  package: NativePackage;
  version: string | undefined;
  /** True when the CUDA build (`@tensorflow/tfjs-node-gpu`) is in use. */
  gpu: boolean;
}

/**
 * Loads tfjs-node and activates its backend; the body of `setupNode` (see
 * its documentation in `adapter.ts`).
 */
export async function startNode(options: NativeOptions = {}): Promise<NodeBackendInfo> {
  const native = await requireNative(options);
  // setBackend throws when the name is not registered (e.g. the package registered it in another engine).
  const ok = await tf.setBackend(NATIVE_BACKEND).catch(() => false);
  if (ok) await tf.ready();
  if (!ok || tf.getBackend() !== NATIVE_BACKEND) {
    throw new NativeBackendError(
      'BACKEND_NOT_ACTIVE',
      `${native.package} loaded, but @tensorflow/tfjs-core reports backend '${tf.getBackend()}' instead of ` +
        `'${NATIVE_BACKEND}'. tfjs-node and this package probably see different copies of @tensorflow/tfjs-core: ` +
        'make sure exactly one copy is installed, of the version tfjs-node was released with (`npm ls @tensorflow/tfjs-core`).',
      native.candidates,
    );
  }
  return { backend: NATIVE_BACKEND, package: native.package, version: native.version, gpu: native.package === GPU_PACKAGE };
}
