/** Public types of @hourglass/backend-wasm. */

/**
 * Thread policy: `'auto'` (default) uses the threaded SIMD build when it
 * works, with one thread per core (max 8); `true` tries it even on one core;
 * `false` never; a number asks for that many threads (<= 1 means off).
 *
 * @example
 * ```ts
 * await setupWasm({ threads: 2 });
 * ```
 */
export type ThreadsOption = 'auto' | boolean | number;

/**
 * Which of the three tfjs-backend-wasm binaries is running.
 *
 * @example
 * ```ts
 * if ((await setupWasm()).build !== 'threaded-simd') console.warn('single-threaded');
 * ```
 */
export type WasmBuild = 'simd' | 'threaded-simd' | 'plain';

/**
 * The name of one of tfjs-backend-wasm's three binaries: the plain build, the
 * SIMD build and the threaded SIMD build.
 *
 * @example
 * ```ts
 * const name: WasmFileName = 'tfjs-backend-wasm-simd.wasm';
 * ```
 */
export type WasmFileName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/**
 * The `wasmPaths` option: the URL (browser) or path (Node) of each binary,
 * by its stock name; a name left out comes from `baseUrl`.
 *
 * @example
 * ```ts
 * const paths: WasmPaths = { 'tfjs-backend-wasm-simd.wasm': '/assets/tfjs-backend-wasm-simd.3f9a.wasm' };
 * ```
 */
export type WasmPaths = Partial<Record<WasmFileName, string>>;

/**
 * Options of `setupWasm()`.
 *
 * @example
 * ```ts
 * const options: SetupWasmOptions = { baseUrl: '/wasm/', threads: 'auto' };
 * await setupWasm(options);
 * ```
 */
export interface SetupWasmOptions {
  /**
   * Where `tfjs-backend-wasm.wasm`, `tfjs-backend-wasm-simd.wasm` and
   * `tfjs-backend-wasm-threaded-simd.wasm` are served (browsers/bundlers),
   * e.g. `'/wasm/'`. In Node the installed package's `dist/` is used when
   * omitted (and there it may be a folder path).
   */
  baseUrl?: string;
  /**
   * The URL (browser) or path (Node) of each binary by its stock name, for
   * files served under other names, e.g. a bundler's hashed assets
   * (`{ 'tfjs-backend-wasm-simd.wasm': simdUrl }`). An entry wins over
   * `baseUrl`; a binary left out comes from `baseUrl` (else, in Node, from
   * the installed package; in a browser, from next to the page). Unknown
   * names and empty values are an error.
   */
  wasmPaths?: WasmPaths;
  /** Thread policy, see {@link ThreadsOption}. Default `'auto'`. */
  threads?: ThreadsOption;
  /**
   * Replace stock wasm kernels that are correct but slow: Conv2DBackpropInput
   * (conv2d input gradients, conv2dTranspose), transposed
   * BatchMatMul/_FusedMatMul (every matMul gradient) and
   * ResizeNearestNeighborGrad (integer upsampling) then run on XNNPACK
   * instead of scalar loops. Default true.
   */
  fastKernels?: boolean;
}

/**
 * What `setupWasm()` set up.
 *
 * @example
 * ```ts
 * const { build, threads, reason } = await setupWasm();
 * console.log(`wasm ${build} x${threads}${reason ? ` (${reason})` : ''}`);
 * ```
 */
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

/**
 * What `probeWasm()` found, without touching the active backend.
 *
 * @example
 * ```ts
 * const { simd, nodeThreads } = await probeWasm();
 * ```
 */
export interface WasmProbe {
  /** WebAssembly SIMD is available. */
  simd: boolean;
  /**
   * tfjs' `WASM_HAS_MULTITHREAD_SUPPORT` flag: true in cross-origin isolated
   * browsers; in Node false unless `setupWasm()` has started threads.
   */
  threads: boolean;
  /** Running in Node and this package can start the threaded build there. */
  nodeThreads: boolean;
  /** Logical cores (navigator.hardwareConcurrency / os.availableParallelism). */
  cores: number;
  /** Why `nodeThreads` is false, when it is. */
  reason?: string;
}
