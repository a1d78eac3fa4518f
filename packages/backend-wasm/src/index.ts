/**
 * @hourglass/backend-wasm — TensorFlow.js' WebAssembly backend, ready to
 * train: offline `.wasm` loading, threads in Node, and the kernels stock
 * tfjs-backend-wasm 4.22 lacks for gradients.
 */
export { WasmBackendError } from './errors.js';
export { wasmBackend, setupWasm } from './adapter.js';
export { probeWasm } from './probe-wasm.js';
export { registerTrainingKernels, type RegisterKernelsOptions } from './kernels/register.js';
export type { SetupWasmOptions, ThreadsOption, WasmBuild, WasmFileName, WasmPaths, WasmProbe, WasmReport } from './types.js';
