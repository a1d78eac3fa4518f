/**
 * How core's ops run fastest on TensorFlow's native kernels (core's
 * `BackendHints`; declared by the adapter's setup).
 */
import type { BackendHints } from '@hourglass/core';

/**
 * The hints of the native backend.
 *
 * @example
 * NODE_HINTS.rank2MatMul; // true
 */
export const NODE_HINTS: BackendHints = {
  // Every kernel call costs a lot: update all weights as one vector.
  flatOptimizer: true,
  // Sign is faster than Step here.
  reluDerivativeByStep: false,
  upsampleByTile: true,
  // BatchMatMulV2 takes rank-2 operands (and transpose flags for free).
  rank2MatMul: true,
};
