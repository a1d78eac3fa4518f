/**
 * Weights must be finite numbers: a model holding NaN or Inf produces only
 * NaN, so it is neither saved nor loaded. The checks name the weight and
 * where its first bad value sits.
 */
import { ModelFileError } from '../errors.js';

/**
 * Index of the first NaN or +-Inf in `values`, or -1 when all are finite.
 *
 * @example
 * firstNonFinite(new Float32Array([0, NaN])); // 1
 */
export function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/**
 * Throws a ModelFileError when a named weight holds NaN or Inf. `advice`
 * tells the reader what to do; `file` names where the weight came from or goes.
 *
 * @example
 * checkFinite('encoder/dense_0/kernel', values, 'retrain or restore a checkpoint', 'runs/a/model/weights.0a1b2c3d.bin');
 */
export function checkFinite(name: string, values: Float32Array, advice: string, file?: string): void {
  const at = firstNonFinite(values);
  if (at < 0) return;
  let count = 0;
  for (let i = at; i < values.length; i++) if (!Number.isFinite(values[i])) count++;
  throw new ModelFileError(
    `weight "${name}" holds ${count} non-finite value${count === 1 ? '' : 's'} (NaN or Inf; the first, ${values[at]}, at index ${at} of ${values.length}); ${advice}`,
    file,
  );
}
