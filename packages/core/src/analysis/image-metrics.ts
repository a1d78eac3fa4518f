/**
 * Per-sample image quality figures between clean data and a model's output
 * (or a repair, or a baseline): mean squared error, binary cross-entropy and
 * PSNR, each computed per sample and then averaged over the samples, so that
 * every sample weighs the same whatever its content.
 *
 * PSNR is 10 log10(peak^2 / mse) with peak 1 (data in [0, 1]) unless told
 * otherwise; a sample reproduced exactly (mse 0) counts as `PSNR_CAP` dB
 * rather than Infinity, so that one perfect sample cannot swamp the mean.
 * BCE clips outputs to [1e-7, 1 - 1e-7] (as Keras does) and needs clean
 * values in [0, 1]; outside that range it is NaN.
 *
 * With a mask (1 = the entry counts, e.g. the damaged region of a repair),
 * each figure is over the sample's counted entries only, and samples with no
 * counted entry are left out of the means.
 */
import { ShapeError } from '../errors.js';

/** Per-sample means of MSE, BCE and PSNR (dB), over the `n` samples that count. */
export interface ImageMetrics {
  mse: number;
  bce: number;
  psnr: number;
  /** Samples that counted (those with at least one counted entry). */
  n: number;
}

/** PSNR (dB) given to a sample reproduced exactly. */
export const PSNR_CAP = 100;

const EPS = 1e-7;

/**
 * MSE, BCE and PSNR between `clean` and `output` (n samples, row-major, the
 * same length), per sample then averaged; over the entries where `mask` is 1
 * when given. `options.peak` is the PSNR peak (default 1).
 *
 * @example
 * const { mse, bce, psnr } = imageMetrics(clean, reconstructed, 100);
 * const inHole = imageMetrics(clean, repaired, 100, missing); // missing: 1 inside the hole
 */
export function imageMetrics(clean: Float32Array, output: Float32Array, n: number, mask?: ArrayLike<number>, options: { peak?: number } = {}): ImageMetrics {
  if (!Number.isInteger(n) || n < 1) throw new ShapeError(`imageMetrics: expected a positive whole number of samples, got ${n}`);
  if (clean.length !== output.length) throw new ShapeError(`imageMetrics: clean has ${clean.length} values but output has ${output.length}`);
  if (mask && mask.length !== clean.length) throw new ShapeError(`imageMetrics: the mask has ${mask.length} values, expected ${clean.length} (one per entry)`);
  if (clean.length % n !== 0) throw new ShapeError(`imageMetrics: ${clean.length} values do not split into ${n} samples`);
  const d = clean.length / n;
  const peak2 = (options.peak ?? 1) ** 2;
  let mseSum = 0;
  let bceSum = 0;
  let psnrSum = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    let se = 0;
    let ce = 0;
    let m = 0;
    for (let j = i * d; j < (i + 1) * d; j++) {
      if (mask && !mask[j]) continue;
      const c = clean[j];
      const o = output[j];
      se += (c - o) ** 2;
      const p = Math.min(Math.max(o, EPS), 1 - EPS);
      ce -= c * Math.log(p) + (1 - c) * Math.log(1 - p);
      if (c < 0 || c > 1) ce = NaN;
      m++;
    }
    if (m === 0) continue;
    const mse = se / m;
    mseSum += mse;
    bceSum += ce / m;
    psnrSum += mse === 0 ? PSNR_CAP : Math.min(PSNR_CAP, 10 * Math.log10(peak2 / mse));
    counted++;
  }
  if (counted === 0) return { mse: NaN, bce: NaN, psnr: NaN, n: 0 };
  return { mse: mseSum / counted, bce: bceSum / counted, psnr: psnrSum / counted, n: counted };
}
