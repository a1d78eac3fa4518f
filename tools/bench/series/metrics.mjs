/**
 * Figures of the sequence benchmarks: per-step absolute errors, row means,
 * ROC-AUC (rank statistic, ties counted half) and PR-AUC (average precision,
 * scikit-learn's definition). NaN scores (steps no window covers) are left out.
 */

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
 * Area under the ROC curve (ties counted half) of scores against 0/1 labels; NaN scores are left out.
 *
 * @example
 * rocAuc([0.1, 0.9, 0.5], [0, 1, 0]); // 1
 */
export function rocAuc(scores, labels) {
  const items = ranked(scores, labels);
  const pos = items.filter((d) => d.y).length;
  const neg = items.length - pos;
  let rankSum = 0;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j].s === items[i].s) j++;
    const midRank = (i + j + 1) / 2; // ranks i+1 .. j, ascending
    for (let k = i; k < j; k++) if (items[k].y) rankSum += midRank;
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Area under the precision-recall curve as average precision (sklearn's definition), NaN scores left out.
 *
 * @example
 * prAuc([0.1, 0.9, 0.5], [0, 1, 0]); // 1
 */
export function prAuc(scores, labels) {
  const items = ranked(scores, labels).reverse(); // highest score first
  const pos = items.filter((d) => d.y).length;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j].s === items[i].s) j++;
    let newTp = 0;
    for (let k = i; k < j; k++) newTp += items[k].y;
    seen += j - i;
    tp += newTp;
    ap += (newTp / pos) * (tp / seen);
    i = j;
  }
  return ap;
}

function ranked(scores, labels) {
  const items = [];
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i])) items.push({ s: scores[i], y: labels[i] ? 1 : 0 });
  return items.sort((a, b) => a.s - b.s);
}

