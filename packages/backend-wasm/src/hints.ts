/**
 * How core's ops run fastest on this backend's kernels (core's
 * `BackendHints`; declared by the adapter's setup).
 */
import type { BackendHints } from '@hourglass/core';

/**
 * The hints of the wasm backend.
 *
 * @example
 * WASM_HINTS.columnSumByMatMul; // true
 */
export const WASM_HINTS: BackendHints = {
  // Concat and Split cost more than the per-weight kernel calls they save.
  flatOptimizer: false,
  // Step is SIMD, Sign is not.
  reluDerivativeByStep: true,
  // Tile is very slow; the resize kernel (ours, kernels/resize) is not.
  upsampleByTile: false,
  rank2MatMul: false,
  // Sum over a leading axis transposes first (10-20x slower than a product on XNNPACK).
  columnSumByMatMul: true,
  // Softplus is a scalar loop, 2.5x slower than four SIMD kernels together.
  softplusBySigmoid: true,
};
