/**
 * The node backend adapter: `nodeBackend` (core's backend contract) and
 * `setupNode`, which is its setup.
 */
import { defineBackend, type BackendProbe } from '@hourglass/core';
import { NODE_ADAPTER_INFO } from './adapter-info.js';
import { detectNode, type NodeOptions } from './detect.js';
import { GPU_PACKAGE } from './packages.js';
import { startNode, type NodeBackendInfo } from './setup.js';
import { settledThreads } from './threads.js';

async function probe(): Promise<BackendProbe> {
  const found = await detectNode();
  if (!found.available) return { available: false, reason: found.reason, details: {} };
  return { available: true, details: { package: found.package, version: found.version, gpu: found.package === GPU_PACKAGE, threads: settledThreads() } };
}

/**
 * The node backend for `selectBackend` and `hourglass backends`
 * (`--backend node`): TensorFlow's native C library through
 * `@tensorflow/tfjs-node` or `@tensorflow/tfjs-node-gpu`.
 *
 * @example
 * import { nodeBackend } from '@hourglass/backend-node';
 * const { available, reason } = await nodeBackend.probe();
 */
export const nodeBackend = defineBackend<'node', NodeOptions, NodeBackendInfo>({
  ...NODE_ADAPTER_INFO,
  probe,
  setup: (options) => startNode(options),
});

/**
 * Loads tfjs-node (GPU build first, see {@link NodeOptions}), selects its
 * 'tensorflow' backend in the global tfjs-core engine and awaits `tf.ready()`.
 * Afterwards every op from `@tensorflow/tfjs-core` (and so @hourglass/core)
 * runs on TensorFlow's C library. It is `nodeBackend.setup`.
 *
 * @throws {NodeBackendError} `NOT_INSTALLED` with the exact `npm install`
 * command when neither package is installed; `LOAD_FAILED` when one is
 * installed but its binding or libtensorflow does not load;
 * `BACKEND_NOT_ACTIVE` if the engine did not switch.
 *
 * @example
 * import { setupNode } from '@hourglass/backend-node';
 * const { backend, package: pkg, version } = await setupNode();
 * console.log(`${backend} via ${pkg}@${version}`); // tensorflow via @tensorflow/tfjs-node@4.22.0
 */
export function setupNode(options: NodeOptions = {}): Promise<NodeBackendInfo> {
  return nodeBackend.setup(options);
}
