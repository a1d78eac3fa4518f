/**
 * Fitting a scaler on a stream in one pass, for data that does not fit in
 * memory: per feature (or channel, or globally, as `fitScaler`) the minimum
 * and maximum, or the mean and standard deviation by Welford's update
 * (numerically stable in one pass), skipping masked entries. The result is
 * the scaler `fitScaler` fits on the same rows held in memory (within
 * float64 rounding), saved with the model the same way.
 */
import { sampleSize } from '../dataset.js';
import { DataError } from '../errors.js';
import type { BatchSource } from '../types.js';
import { scalerFromJSON, type Scaler, type ScalerOptions } from './scaler.js';

/**
 * A scaler fitted in one pass over `source` (read in batches of `batchSize` rows).
 *
 * @example
 * const scaler = await fitScalerStream(hashSplitSource(await npyBatchSource('big.npy'), 'train', { test: 0.1 }), { kind: 'minmax' });
 */
export async function fitScalerStream(source: BatchSource, options: ScalerOptions, batchSize = 4096): Promise<Scaler> {
  const shape = source.sampleShape;
  const period = options.per === 'global' ? 1 : options.per === 'channel' ? (shape[shape.length - 1] ?? 1) : sampleSize(shape);
  if (!(period >= 1)) throw new DataError(`${source.name}: cannot fit a scaler on samples of shape [${shape.join(', ')}]`);
  if (options.kind !== 'minmax' && options.kind !== 'standard') throw new DataError(`unknown scaler kind ${JSON.stringify(options.kind)}, expected 'minmax' or 'standard'`);
  const count = new Float64Array(period);
  const min = new Float64Array(period).fill(Infinity);
  const max = new Float64Array(period).fill(-Infinity);
  const mean = new Float64Array(period);
  const m2 = new Float64Array(period);
  for await (const { x, mask } of source.batches(batchSize)) {
    for (let i = 0; i < x.length; i++) {
      if (mask && mask[i] === 0) continue;
      const p = i % period;
      const v = x[i];
      const n = ++count[p];
      if (v < min[p]) min[p] = v;
      if (v > max[p]) max[p] = v;
      const delta = v - mean[p];
      mean[p] += delta / n;
      m2[p] += delta * (v - mean[p]);
    }
  }
  const seen = (p: number) => count[p] > 0;
  if (options.kind === 'minmax')
    return scalerFromJSON({ kind: 'minmax', params: { min: Array.from(min, (v, p) => (seen(p) ? v : 0)), max: Array.from(max, (v, p) => (seen(p) ? v : 1)) } });
  return scalerFromJSON({ kind: 'standard', params: { mean: Array.from(mean, (v, p) => (seen(p) ? v : 0)), std: Array.from(m2, (v, p) => (seen(p) ? Math.sqrt(v / count[p]) : 1)) } });
}
