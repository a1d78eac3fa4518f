/**
 * Copies of a model's weights that the trainer keeps beside the live
 * variables: the weights of the last epoch verified finite (restored when a
 * run diverges) and those of the best epoch (restored by early stopping).
 */
import { tf } from '../tf.js';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';

/**
 * Copies the variables' current values (the caller disposes them).
 *
 * @example
 * const kept = snapshot(vars); // ... later: restore(vars, kept); disposeAll(kept);
 */
export const snapshot = (vars: Variable[]): Tensor[] => vars.map((v) => tf.clone(v));

/**
 * Assigns a snapshot back into the variables.
 *
 * @example
 * restore(vars, kept); // vars now hold the values snapshot(vars) copied
 */
export function restore(vars: Variable[], snap: Tensor[]): void {
  vars.forEach((v, i) => v.assign(snap[i]));
}

/**
 * Disposes every tensor of a list (nothing when it is undefined).
 *
 * @example
 * disposeAll(kept);
 */
export const disposeAll = (ts: Tensor[] | undefined): void => ts?.forEach((t) => t.dispose());

/**
 * True when every value of every tensor is finite. Multiplying by zero maps
 * a finite value to 0 and NaN or Inf to NaN, so one sum tells, on every
 * backend, without overflowing on large finite weights.
 *
 * @example
 * await allFinite(model.weights.map((w) => w.variable)); // false once a weight is NaN or Inf
 */
export async function allFinite(ts: Tensor[]): Promise<boolean> {
  if (!ts.length) return true;
  const total = tf.tidy(() => tf.addN(ts.map((t) => tf.sum(tf.mul(t, 0)))));
  const [value] = await total.data();
  total.dispose();
  return value === 0;
}
