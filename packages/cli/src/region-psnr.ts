/**
 * PSNR inside a region, for data in [0, 1] (peak 1): per sample,
 * 10 log10(1 / MSE) over the entries where `region` is 1, then the mean
 * over the samples that have any such entry. A perfect sample counts as
 * 100 dB (MSE floored at 1e-10) rather than infinity.
 */

/**
 * Mean PSNR (dB) of `output` against `clean` inside `region` (1 = counts).
 *
 * @example
 * regionPsnr(clean, repaired, damage.region, n); // e.g. 21.4
 */
export function regionPsnr(clean: Float32Array, output: Float32Array, region: Float32Array, n: number): number {
  const per = clean.length / Math.max(n, 1);
  let [total, counted] = [0, 0];
  for (let i = 0; i < n; i++) {
    let [sum, count] = [0, 0];
    for (let j = i * per; j < (i + 1) * per; j++)
      if (region[j]) {
        const d = output[j] - clean[j];
        sum += d * d;
        count++;
      }
    if (!count) continue;
    total += 10 * Math.log10(1 / Math.max(sum / count, 1e-10));
    counted++;
  }
  return counted ? total / counted : NaN;
}
