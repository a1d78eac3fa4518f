/**
 * @hourglass/backend-wasm — TensorFlow.js' WebAssembly backend, ready to
 * train: offline `.wasm` loading, threads in Node, and the kernels stock
 * tfjs-backend-wasm 4.22 lacks for gradients.
 */
export { WasmBackendError } from './errors';
export { setupWasm } from './setup-wasm';
export { probeWasm } from './probe-wasm';
export { registerTrainingKernels, type RegisterKernelsOptions } from './kernels/register';
export type { SetupWasmOptions, ThreadsOption, WasmBuild, WasmProbe, WasmReport } from './types';
