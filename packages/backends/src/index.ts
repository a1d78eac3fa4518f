/**
 * @hourglass/backends: one call picks where Hourglass runs and reports it.
 * `auto` tries native TensorFlow (`@hourglass/backend-node`, when
 * `@tensorflow/tfjs-node` is installed), then WebAssembly SIMD
 * (`@hourglass/backend-wasm`), then tfjs' JavaScript CPU backend.
 */
export { BACKENDS, selectBackend, type BackendChoice, type BackendReport, type SelectBackendOptions } from './select-backend.js';
