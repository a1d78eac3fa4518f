/** Public types of @hourglass/backend-wasm. */

/**
 * Thread policy: `'auto'` (default) uses the threaded SIMD build when it
 * works, with one thread per core (max 8); `true` tries it even on one core;
 * `false` never; a number asks for that many threads (<= 1 means off).
 */
export type ThreadsOption = 'auto' | boolean | number;

/** Which of the three tfjs-backend-wasm binaries is running. */
export type WasmBuild = 'simd' | 'threaded-simd' | 'plain';

/** Options of `setupWasm()`. */
export interface SetupWasmOptions {
  /**
   * Where `tfjs-backend-wasm.wasm`, `tfjs-backend-wasm-simd.wasm` and
   * `tfjs-backend-wasm-threaded-simd.wasm` are served (browsers/bundlers),
   * e.g. `'/wasm/'`. In Node the installed package's `dist/` is used when
   * omitted.
   */
  baseUrl?: string;
  /** Thread policy, see {@link ThreadsOption}. Default `'auto'`. */
  threads?: ThreadsOption;
  /**
   * Wrap the wasm BatchMatMul/_FusedMatMul kernels so transposed products
   * (every matMul gradient) run on XNNPACK instead of a naive loop. Default true.
   */
  fastMatMul?: boolean;
}

/** What `setupWasm()` set up. */
export interface WasmReport {
  backend: 'wasm';
  /** Whether the SIMD binary is in use. */
  simd: boolean;
  /** Threads XNNPACK computes with (1 without the threaded build). */
  threads: number;
  build: WasmBuild;
  /** Why the threaded build is not in use (absent when it is). */
  reason?: string;
  /** Kernels this package registered or wrapped on 'wasm'. */
  kernels: string[];
  /** Milliseconds spent initialising the backend. */
  initMs: number;
}

/** What `probeWasm()` found, without touching the active backend. */
export interface WasmProbe {
  /** WebAssembly SIMD is available. */
  simd: boolean;
  /** tfjs would pick its threaded build by itself (browsers with cross-origin isolation). */
  threads: boolean;
  /** Running in Node and this package can start the threaded build there. */
  nodeThreads: boolean;
  /** Logical cores (navigator.hardwareConcurrency / os.availableParallelism). */
  cores: number;
  /** Why `nodeThreads` is false, when it is. */
  reason?: string;
}
