/**
 * Per-backend tuning hints. Core ops stay backend-agnostic, but a few have
 * two equivalent formulations whose speed depends on the backend's kernels;
 * a backend adapter declares which one its kernels prefer when it sets up.
 * Hints change speed only, never results (beyond float rounding).
 *
 * - `explicitTranspose`: compute matMul gradients with explicit transposes
 *   and plain matMuls (wasm: XNNPACK only takes untransposed operands)
 *   rather than matMul's transpose flags (native TensorFlow: free).
 * - `flatOptimizer`: update all weights as one concatenated vector (few
 *   large kernels: best where each kernel call costs a lot, as in native
 *   TensorFlow) rather than weight by weight (wasm, whose Concat and Split
 *   cost more than the calls they save).
 * - `reluDerivativeByStep`: relu's derivative as step(y) rather than sign(y)
 *   (wasm's Step is SIMD, its Sign is not; native is the other way round).
 * - `upsampleByTile`: nearest-neighbour upsampling by reshape + tile rather
 *   than the resize kernel (faster on native; wasm's Tile is very slow).
 * - `rank2MatMul`: the backend's BatchMatMul kernel takes rank-2 operands
 *   (native TensorFlow's BatchMatMulV2 does), so a matrix product may call
 *   it directly instead of going through tf.matMul's reshapes to rank 3,
 *   each of which is a kernel call of its own (`layers/matmul.ts`).
 * - `columnSumByMatMul`: sum a matrix over its rows (bias gradients) as
 *   ones[1, n] x M (wasm: XNNPACK; its Sum over a leading axis transposes
 *   first, 10-20x slower) rather than with the Sum kernel.
 * - `softplusBySigmoid`: softplus(z) as relu(z) - log(sigmoid(|z|)), as
 *   stable as the kernel (wasm's Softplus is a scalar loop, 2.5x slower
 *   than these four SIMD kernels together).
 */
import { tf } from './tf.js';

/** Tuning hints a backend may set. */
export interface BackendHints {
  explicitTranspose?: boolean;
  flatOptimizer?: boolean;
  reluDerivativeByStep?: boolean;
  upsampleByTile?: boolean;
  rank2MatMul?: boolean;
  columnSumByMatMul?: boolean;
  softplusBySigmoid?: boolean;
}

const DEFAULTS: Array<[string, BackendHints]> = [
  ['wasm', { explicitTranspose: true, flatOptimizer: false, reluDerivativeByStep: true, upsampleByTile: false, rank2MatMul: false, columnSumByMatMul: true, softplusBySigmoid: true }],
  ['tensorflow', { explicitTranspose: false, flatOptimizer: true, reluDerivativeByStep: false, upsampleByTile: true, rank2MatMul: true }],
];

const KEY = Symbol.for('hourglass.backendHints');

function table(): Map<string, BackendHints> {
  const g = globalThis as unknown as Record<symbol, Map<string, BackendHints> | undefined>;
  return (g[KEY] ??= new Map(DEFAULTS));
}

/**
 * Declares hints for a tfjs backend name (merged with earlier ones).
 *
 * @example
 * setBackendHints('wasm', { explicitTranspose: true });
 */
export function setBackendHints(backend: string, hints: BackendHints): void {
  table().set(backend, { ...table().get(backend), ...hints });
}

/** The hints of the active backend. */
export function activeHints(): BackendHints {
  return table().get(tf.getBackend()) ?? {};
}
