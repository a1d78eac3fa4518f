/**
 * Locates the installed @tensorflow/tfjs-backend-wasm from this file, so it
 * works from the ESM build (import.meta.url) and the CJS build (tsup shims
 * import.meta.url there) alike, and from any working directory. Node only.
 */
export interface TfjsWasmFiles {
  /** `dist/` of the package, with a trailing separator (holds the three .wasm files). */
  distDir: string;
  /** Standalone emscripten glue of the threaded build (`wasm-out/…-threaded-simd.js`). */
  threadedGlue: string;
  /** Module exporting `wasmWorkerContents`, the pthread worker script. */
  threadedWorkerModule: string;
  /** `require` rooted at this package (used for 'os' and the worker module). */
  require: NodeRequire;
}

export async function tfjsWasmFiles(): Promise<TfjsWasmFiles> {
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  return {
    distDir: path.join(root, 'dist') + path.sep,
    threadedGlue: path.join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
    threadedWorkerModule: path.join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
    require,
  };
}
