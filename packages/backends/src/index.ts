/**
 * @hourglass/backends: one call picks where Hourglass runs and reports it.
 * `ADAPTERS` lists every backend: native TensorFlow (`@hourglass/backend-node`,
 * when `@tensorflow/tfjs-node` is installed), then WebAssembly
 * (`@hourglass/backend-wasm`), then tfjs' JavaScript cpu backend; `auto`
 * takes the first that starts.
 */
export { ADAPTERS, BACKENDS, type BackendChoice, type BackendName } from './adapters.js';
export { cpuBackend } from './cpu.js';
export { selectBackend, type BackendReport, type SelectBackendOptions } from './select-backend.js';
export { probeBackends, describeDetails, type BackendStatus } from './probe-backends.js';
