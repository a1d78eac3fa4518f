/**
 * @hourglass/backend-node: runs Hourglass on TensorFlow's native C library
 * through @tensorflow/tfjs-node (or tfjs-node-gpu), both optional peer
 * dependencies loaded only when a function here is called.
 *
 * @example
 * import { setupNode } from '@hourglass/backend-node';
 * await setupNode(); // every tfjs-core op now runs on the 'tensorflow' backend
 */
export { detectNode, type NodeDetection, type NodeOptions } from './detect.js';
export { nodeBackend, setupNode } from './adapter.js';
export type { NodeBackendInfo } from './setup.js';
export { nodeFileIO, type NodeFileIO, type SaveWeightsOptions, type LoadedWeights } from './file-io.js';
export { NodeBackendError, type NodeBackendErrorCode, type Candidate } from './errors.js';
export { defaultLoader, type ModuleLoader } from './loader.js';
export { CPU_PACKAGE, GPU_PACKAGE, NODE_TFJS_BACKEND, candidatePackages, type NodePackage } from './packages.js';
export type { CandidateStatus } from './classify.js';
export { useNativeKernels } from './kernels/register.js';
