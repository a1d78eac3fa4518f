/**
 * Per-backend tuning hints. Core ops stay backend-agnostic, but a few have
 * two equivalent formulations whose speed depends on the backend's kernels;
 * a backend adapter declares which one its kernels prefer (its `hints`,
 * see `backend/contract.ts`), and its setup makes them the hints of its
 * tfjs backend. Core names no backend: a backend that declared nothing
 * gets the defaults below. Hints change speed only, never results (beyond
 * float rounding).
 *
 * - `flatOptimizer`: update all weights as one concatenated vector (few
 *   large kernels: best where each kernel call costs a lot) rather than
 *   weight by weight (where Concat and Split cost more than the calls they
 *   save). Default: flat.
 * - `reluDerivativeByStep`: relu's derivative as step(y) rather than
 *   sign(y) (for a backend whose Step is faster than its Sign).
 * - `upsampleByTile`: nearest-neighbour upsampling by reshape + tile rather
 *   than the resize kernel.
 * - `rank2MatMul`: the backend's BatchMatMul kernel takes rank-2 operands,
 *   so a matrix product may call it directly instead of going through
 *   tf.matMul's reshapes to rank 3, each of which is a kernel call of its
 *   own (`layers/matmul.ts`).
 * - `columnSumByMatMul`: sum a matrix over its rows (bias gradients) as
 *   ones[1, n] x M rather than with the Sum kernel (for a backend whose Sum
 *   over a leading axis is slow and whose matMul is fast).
 * - `softplusBySigmoid`: softplus(z) as relu(z) - log(sigmoid(|z|)), as
 *   stable as the kernel (for a backend whose Softplus kernel is slow).
 * - `fusedOptimizer`: run an optimizer's update as the backend's fused
 *   kernel where it registers one (`train/optimizer-kernels.ts`); false
 *   runs the plain ops. Default: true.
 * - `fusedBiasActivation`: a layer's bias, activation and their gradient
 *   as the backend's fused kernels where it registers them
 *   (`layers/bias-activation-kernels.ts`); false runs the plain ops.
 *   Default: true.
 * - `fusedLoss`: binary cross-entropy from logits as the backend's fused
 *   kernel where it registers one (`losses/loss-kernels.ts`); false runs
 *   the plain ops. Default: true.
 *
 * `setBackendHints` overrides a declared hint (for experiments and tests);
 * an override outlives later setups of the backend.
 */
import { tf } from './tf.js';

/**
 * Tuning hints a backend may declare (see the list above).
 *
 * @example
 * const hints: BackendHints = { flatOptimizer: false, columnSumByMatMul: true };
 */
export interface BackendHints {
  flatOptimizer?: boolean;
  reluDerivativeByStep?: boolean;
  upsampleByTile?: boolean;
  rank2MatMul?: boolean;
  columnSumByMatMul?: boolean;
  softplusBySigmoid?: boolean;
  fusedOptimizer?: boolean;
  fusedBiasActivation?: boolean;
  fusedLoss?: boolean;
}

interface HintTables {
  /** What each backend's adapter declared at its setup. */
  declared: Map<string, BackendHints>;
  /** What setBackendHints set on top. */
  overrides: Map<string, BackendHints>;
  /** Declared merged with overrides, kept ready: activeHints() runs for every op that has two forms. */
  merged: Map<string, BackendHints>;
}

// On globalThis so that the ESM and the CJS build of core, both loadable in
// one process, read the same hints, as they share tfjs' one engine.
const KEY = Symbol.for('hourglass.backendHintTables');

function tables(): HintTables {
  const g = globalThis as unknown as Record<symbol, HintTables | undefined>;
  return (g[KEY] ??= { declared: new Map(), overrides: new Map(), merged: new Map() });
}

function merge(t: HintTables, tfjsBackend: string): void {
  t.merged.set(tfjsBackend, { ...t.declared.get(tfjsBackend), ...t.overrides.get(tfjsBackend) });
}

/** Drops undefined entries, so that `{ hint: undefined }` means "not set". */
function defined(hints: BackendHints | undefined): BackendHints {
  return Object.fromEntries(Object.entries(hints ?? {}).filter(([, v]) => v !== undefined));
}

/**
 * Makes `hints` the declared hints of a tfjs backend (replacing earlier
 * ones). A backend adapter's setup calls it (see `defineBackend`).
 *
 * @example
 * declareBackendHints('my-backend', { columnSumByMatMul: true });
 */
export function declareBackendHints(tfjsBackend: string, hints: BackendHints): void {
  const t = tables();
  t.declared.set(tfjsBackend, defined(hints));
  merge(t, tfjsBackend);
}

/**
 * Overrides hints of a tfjs backend (merged with earlier overrides; a hint
 * set to `undefined` goes back to the declared one).
 *
 * @example
 * setBackendHints('cpu', { flatOptimizer: false });
 */
export function setBackendHints(tfjsBackend: string, hints: BackendHints): void {
  const t = tables();
  t.overrides.set(tfjsBackend, defined({ ...t.overrides.get(tfjsBackend), ...hints }));
  merge(t, tfjsBackend);
}

/**
 * The hints of the active tfjs backend: declared, then overridden.
 *
 * @example
 * if (activeHints().columnSumByMatMul) console.log('bias gradients by matMul');
 */
export function activeHints(): BackendHints {
  return tables().merged.get(tf.getBackend()) ?? {};
}

/**
 * Whether the active backend registers `kernelName` and its hint `hint`
 * (default true) lets core call it.
 *
 * @example
 * if (fusedKernelActive('HourglassAdam', 'fusedOptimizer')) console.log('one kernel per Adam update');
 */
export function fusedKernelActive(kernelName: string, hint: 'fusedOptimizer' | 'fusedBiasActivation' | 'fusedLoss'): boolean {
  return activeHints()[hint] !== false && tf.getKernel(kernelName, tf.getBackend()) != null;
}
