/**
 * Figures of the sequence benchmarks: per-step absolute errors, row means,
 * ROC-AUC (rank statistic, ties counted half) and PR-AUC (average precision,
 * scikit-learn's definition), both from core. NaN scores (steps no window covers) are left out.
 */
import { averagePrecision, rocAuc as coreRocAuc } from '@hourglass/core';

/**
 * Absolute errors per step and feature-mean: `[n, window]` from `[n, window, features]` arrays.
 *
 * @example
 * stepErrors(x, xhat, n, 288, 1); // Float32Array n * 288
 */
export function stepErrors(x, xhat, n, window, features) {
  const out = new Float32Array(n * window);
  for (let i = 0; i < n * window; i++) {
    let s = 0;
    for (let f = 0; f < features; f++) s += Math.abs(x[i * features + f] - xhat[i * features + f]);
    out[i] = s / features;
  }
  return out;
}

/** Mean of each row of a `[n, k]` array. */
export function rowMeans(values, n) {
  const k = values.length / n;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += values[i * k + j];
    out[i] = s / k;
  }
  return out;
}

/**
 * Area under the ROC curve (core's rocAuc: ties counted half) of scores against 0/1 labels; NaN scores are left out.
 *
 * @example
 * rocAuc([0.1, 0.9, 0.5], [0, 1, 0]); // 1
 */
export function rocAuc(scores, labels) {
  const kept = withoutNaN(scores, labels);
  return coreRocAuc(kept.scores, kept.labels);
}

/**
 * Area under the precision-recall curve (core's averagePrecision, scikit-learn's definition); NaN scores are left out.
 *
 * @example
 * prAuc([0.1, 0.9, 0.5], [0, 1, 0]); // 1
 */
export function prAuc(scores, labels) {
  const kept = withoutNaN(scores, labels);
  return averagePrecision(kept.scores, kept.labels);
}

function withoutNaN(scores, labels) {
  const keep = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) keep.push(i);
  return { scores: keep.map((i) => scores[i]), labels: keep.map((i) => (labels[i] ? 1 : 0)) };
}
