/**
 * The season of a series found by autocorrelation. The series is detrended
 * (a least-squares line removed), then the autocorrelation r(k) is computed
 * with the biased estimator (sums over n - k pairs divided by the full
 * variance), which shrinks with the lag and so prefers a season over its
 * multiples. A candidate is a local maximum of r at lag >= 2 that is at least
 * `minStrength` high and rises at least `minStrength` above the lowest r at
 * smaller lags (a real season dips between its peaks; noise on a decaying
 * autocorrelation does not). Of the candidates, the shortest whose r is
 * within 10% of the best is the season, so a weak half-season harmonic does
 * not win over the season, nor a multiple of the season over the season.
 * The lag is then refined on the sum of r over its multiples.
 */
import { DataError } from '../errors.js';

/** The largest lag looked at by default (steps), beside half the series. */
export const MAX_SEASON_LAG = 2000;

/**
 * The season (in steps) of a univariate series, or undefined when no lag up to
 * `maxLag` (default: half the series, at most 2000) repeats strongly enough.
 *
 * @example
 * const hourly = Array.from({ length: 24 * 30 }, (_, t) => Math.sin((2 * Math.PI * t) / 24));
 * detectSeason(hourly); // 24
 */
export function detectSeason(values: ArrayLike<number>, maxLag?: number, minStrength = 0.3): number | undefined {
  const n = values.length;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(values[t])) throw new DataError(`found ${values[t]}, expected a finite number`, { sample: t });
  }
  if (maxLag !== undefined && (!Number.isInteger(maxLag) || maxLag < 2)) throw new DataError(`maxLag must be an integer >= 2, got ${maxLag}`);
  const last = Math.min(maxLag ?? MAX_SEASON_LAG, Math.floor(n / 2));
  if (last < 2) return undefined;
  const d = detrend(values);
  let variance = 0;
  for (let t = 0; t < n; t++) variance += d[t] * d[t];
  if (!(variance > 0)) return undefined;
  const r = new Float64Array(last + 2);
  for (let k = 0; k <= last + 1 && k < n; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += d[t] * d[t + k];
    r[k] = s / variance;
  }
  const candidates: number[] = [];
  let lowest = r[1];
  for (let k = 2; k <= last; k++) {
    if (r[k] > r[k - 1] && r[k] >= r[k + 1] && r[k] >= minStrength && r[k] - lowest >= minStrength) candidates.push(k);
    lowest = Math.min(lowest, r[k]);
  }
  if (candidates.length === 0) return undefined;
  const best = Math.max(...candidates.map((k) => r[k]));
  return refine(r, candidates.find((k) => r[k] >= 0.9 * best)!, last);
}

/**
 * The lag near `c` whose multiples together correlate best. The top of one
 * autocorrelation peak is flat, so noise moves its highest point by several
 * lags; an error of d lags in the season is m * d lags at the m-th multiple,
 * so summing r over the multiples gives a much sharper peak.
 */
function refine(r: Float64Array, c: number, last: number): number {
  const from = Math.max(2, c - Math.floor(c / 4));
  const to = Math.min(last, c + Math.floor(c / 4));
  const multiples = Math.max(1, Math.floor(last / to));
  let season = c;
  let top = -Infinity;
  for (let k = from; k <= to; k++) {
    let score = 0;
    for (let m = 1; m <= multiples; m++) score += r[m * k];
    if (score > top) (top = score), (season = k);
  }
  return season;
}

/** The values minus their least-squares line. */
function detrend(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const tMean = (n - 1) / 2;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += values[t];
  mean /= n;
  let cov = 0;
  let varT = 0;
  for (let t = 0; t < n; t++) {
    cov += (t - tMean) * (values[t] - mean);
    varT += (t - tMean) * (t - tMean);
  }
  const slope = varT > 0 ? cov / varT : 0;
  return Float64Array.from({ length: n }, (_, t) => values[t] - mean - slope * (t - tMean));
}
