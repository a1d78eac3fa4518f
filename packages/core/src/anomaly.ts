/**
 * Anomaly thresholds from reconstruction errors. An autoencoder trained on
 * normal data reconstructs anomalies badly, so `model.score(x)` (the
 * per-sample reconstruction error) is an anomaly score; a threshold
 * calibrated on scores of normal data turns it into a decision, the way
 * PyOD's `contamination` does: the threshold is the (1 - contamination)
 * quantile of the calibration scores. Plus the usual evaluation figures
 * when labels are known.
 */
import { ConfigError } from './errors.js';

/**
 * The (1 - contamination) quantile of `scores`, linearly interpolated.
 *
 * @example
 * const threshold = calibrateThreshold(trainScores, 0.01); // 1% of training data would be flagged
 * const flags = testScores.map((s) => s > threshold);
 */
export function calibrateThreshold(scores: ArrayLike<number>, contamination = 0.01): number {
  if (!(contamination >= 0 && contamination < 1)) throw new ConfigError(`contamination: expected a number in [0, 1), got ${contamination}`);
  if (scores.length === 0) throw new ConfigError('calibrateThreshold: no scores to calibrate on');
  const sorted = Float64Array.from(scores).sort();
  if (Number.isNaN(sorted[sorted.length - 1])) throw new ConfigError('calibrateThreshold: scores contain NaN');
  const pos = (1 - contamination) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Detection figures for scores against known labels (true = anomaly). */
export interface DetectionReport {
  threshold: number;
  /** Area under the ROC curve of the raw scores (threshold-free; ties count half). */
  rocAuc: number;
  precision: number;
  recall: number;
  f1: number;
  flagged: number;
  anomalies: number;
}

/**
 * Evaluates anomaly scores against labels at a threshold.
 *
 * @example
 * const report = evaluateDetection(scores, labels, threshold); // { rocAuc: 0.97, precision: 0.8, ... }
 */
export function evaluateDetection(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>, threshold: number): DetectionReport {
  if (scores.length !== labels.length) throw new ConfigError(`evaluateDetection: ${scores.length} scores but ${labels.length} labels`);
  let tp = 0;
  let fp = 0;
  let anomalies = 0;
  for (let i = 0; i < scores.length; i++) {
    const positive = Boolean(labels[i]);
    const flagged = scores[i] > threshold;
    if (positive) anomalies++;
    if (flagged && positive) tp++;
    if (flagged && !positive) fp++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = anomalies ? tp / anomalies : 0;
  return {
    threshold,
    rocAuc: rocAuc(scores, labels),
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    flagged: tp + fp,
    anomalies,
  };
}

/**
 * Area under the ROC curve by the rank-sum (Mann-Whitney) formula, with
 * average ranks for ties; NaN when the labels hold only one class.
 *
 * @example
 * rocAuc([0.1, 0.9, 0.5], [0, 1, 0]); // 1
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]]) {
      rankSum += rank;
      positives++;
    }
    i = j + 1;
  }
  const negatives = idx.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Area under the precision-recall curve as average precision (scikit-learn's
 * definition: precision at each distinct score, weighted by the recall it
 * adds); tied scores enter together. NaN without positives.
 *
 * @example
 * averagePrecision([0.1, 0.9, 0.5], [0, 1, 0]); // 1
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  if (scores.length !== labels.length) throw new ConfigError(`averagePrecision: ${scores.length} scores but ${labels.length} labels`);
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives++;
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let ap = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    let newTp = 0;
    for (; j < idx.length && scores[idx[j]] === scores[idx[i]]; j++) if (labels[idx[j]]) newTp++;
    tp += newTp;
    ap += (newTp / positives) * (tp / j);
    i = j;
  }
  return ap;
}
