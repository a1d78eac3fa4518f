/**
 * Which data a reconstruction loss can learn: binary cross-entropy compares
 * outputs in [0, 1] with targets, so targets outside [0, 1] make a loss that
 * no weights can bring down (it can even turn negative). `train` refuses
 * such data rather than train on it; scale it to [0, 1] or use "mse".
 * The multinomial loss reads counts: a negative value makes it unbounded
 * below, so it needs data >= 0 (of any scale).
 */
import { ConfigError } from '../errors.js';
import type { ReconstructionLossName } from '../losses/reconstruction.js';

/**
 * Whether the reconstruction loss `loss` can learn the values `x`: always
 * for "mse", only inside [0, 1] for "bce", only >= 0 for "multinomial".
 *
 * @example
 * lossFitsData('bce', new Float32Array([0, 0.5, 1])); // true
 * lossFitsData('bce', new Float32Array([0, 255])); // false: scale to [0, 1] first
 */
export function lossFitsData(loss: ReconstructionLossName, x: ArrayLike<number>): boolean {
  if (loss === 'mse') return true;
  if (loss === 'multinomial') {
    for (let i = 0; i < x.length; i++) if (!(x[i] >= 0)) return false;
    return true;
  }
  for (let i = 0; i < x.length; i++) if (x[i] < 0 || x[i] > 1) return false;
  return true;
}

/**
 * Throws a ConfigError naming `what` unless `lossFitsData(loss, x)`.
 *
 * @example
 * checkLossFitsData(model.loss, data.x, 'training data');
 */
export function checkLossFitsData(loss: ReconstructionLossName, x: ArrayLike<number>, what: string): void {
  if (!lossFitsData(loss, x) && loss === 'multinomial')
    throw new ConfigError(`${what}: the multinomial loss reads counts or clicks, which cannot be negative, and this data has negative values`, {
      hint: ['drop or shift the negative values, or use ', { option: 'loss', value: 'mse' }],
    });
  if (!lossFitsData(loss, x))
    throw new ConfigError(`${what}: binary cross-entropy needs data in [0, 1], and this data leaves it`, {
      hint: ['scale the data to [0, 1] (e.g. min-max), or use ', { option: 'loss', value: 'mse' }],
    });
}
