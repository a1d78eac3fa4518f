/**
 * Linear-evaluation probes: how much of the class information a
 * representation keeps, measured as the test accuracy of a simple classifier
 * fitted on training rows. The same probe on the codes, on the raw inputs and
 * on a PCA of the inputs makes the three comparable.
 *
 * Both probes take row-major matrices (`n x d` Float32Arrays), integer class
 * labels 0..classes-1, and return the accuracy on the test rows in [0, 1].
 * They run on the active tfjs backend, a block of test rows at a time, and
 * dispose every tensor they make.
 *
 * - `knnProbe`: k nearest neighbours by Euclidean distance, majority vote;
 *   a tie goes to the tied class holding the nearest neighbour.
 * - `logisticProbe`: multinomial logistic regression on features
 *   standardised with the training rows' mean and standard deviation, fitted
 *   with Adam on shuffled mini-batches (seeded) and a small L2 penalty.
 */
import { tf } from '../tf.js';
import { ConfigError, ShapeError } from '../errors.js';
import { createRng, permutation } from '../rng.js';

/** Options of `logisticProbe`. */
export interface LogisticProbeOptions {
  /** Passes over the training rows (default 20). */
  epochs?: number;
  /** Mini-batch size (default 256). */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** L2 penalty on the weights (default 1e-4). */
  l2?: number;
  /** Seed of the mini-batch order (default 0). */
  seed?: number;
}

function checkRows(what: string, values: Float32Array, labels: ArrayLike<number>, d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new ShapeError(`${what}: expected a positive whole number of dimensions d, got ${d}`);
  const n = labels.length;
  if (values.length !== n * d) throw new ShapeError(`${what}: ${values.length} values do not make ${n} rows of ${d} (one label per row)`);
  for (let i = 0; i < n; i++)
    if (!Number.isInteger(labels[i]) || labels[i] < 0) throw new ConfigError(`${what}: label ${i} is ${labels[i]}, expected a class index 0, 1, 2, ...`);
  return n;
}

function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return labels.length ? right / labels.length : NaN;
}

const BLOCK = 256;

/**
 * Accuracy on the test rows of a k-nearest-neighbour classifier of the
 * training rows (Euclidean distance, majority vote among the `k` nearest).
 *
 * @example
 * const acc = knnProbe(trainCodes, trainLabels, testCodes, testLabels, 32); // e.g. 0.95
 */
export function knnProbe(train: Float32Array, trainLabels: ArrayLike<number>, test: Float32Array, testLabels: ArrayLike<number>, d: number, k = 5): number {
  const n = checkRows('knnProbe train', train, trainLabels, d);
  const m = checkRows('knnProbe test', test, testLabels, d);
  if (n === 0) throw new ConfigError('knnProbe: no training rows');
  if (!Number.isInteger(k) || k < 1) throw new ConfigError(`knnProbe: k must be a positive whole number, got ${k}`);
  const kk = Math.min(k, n);
  const predicted = new Int32Array(m);
  const trainT = tf.tensor2d(train, [n, d]);
  const trainNorms = tf.tidy(() => tf.sum(tf.square(trainT), 1));
  try {
    for (let start = 0; start < m; start += BLOCK) {
      const rows = Math.min(BLOCK, m - start);
      const nearest = tf.tidy(() => {
        const q = tf.tensor2d(test.subarray(start * d, (start + rows) * d), [rows, d]);
        // -(|a - b|^2) up to the |q|^2 term, constant per row: larger = nearer
        const score = tf.sub(tf.mul(tf.matMul(q, trainT, false, true), 2), trainNorms);
        return tf.topk(score, kk).indices;
      });
      const idx = nearest.dataSync();
      nearest.dispose();
      for (let r = 0; r < rows; r++) {
        const votes = new Map<number, number>();
        let best = -1;
        let bestVotes = 0;
        for (let j = 0; j < kk; j++) {
          const label = trainLabels[idx[r * kk + j]];
          const v = (votes.get(label) ?? 0) + 1;
          votes.set(label, v);
          // strictly more votes wins; on a tie the earlier (nearer) class keeps it
          if (v > bestVotes) {
            best = label;
            bestVotes = v;
          }
        }
        predicted[start + r] = best;
      }
    }
  } finally {
    trainT.dispose();
    trainNorms.dispose();
  }
  return accuracy(predicted, testLabels);
}

/**
 * Accuracy on the test rows of a multinomial logistic regression fitted on
 * the training rows (standardised features, Adam, L2; deterministic for a
 * seed on one backend).
 *
 * @example
 * const acc = logisticProbe(trainCodes, trainLabels, testCodes, testLabels, 32, { seed: 1 }); // e.g. 0.93
 */
export function logisticProbe(
  train: Float32Array,
  trainLabels: ArrayLike<number>,
  test: Float32Array,
  testLabels: ArrayLike<number>,
  d: number,
  options: LogisticProbeOptions = {},
): number {
  const n = checkRows('logisticProbe train', train, trainLabels, d);
  const m = checkRows('logisticProbe test', test, testLabels, d);
  if (n === 0) throw new ConfigError('logisticProbe: no training rows');
  const { epochs = 20, batchSize = 256, learningRate = 0.01, l2 = 1e-4, seed = 0 } = options;
  let classes = 0;
  for (let i = 0; i < n; i++) classes = Math.max(classes, trainLabels[i] + 1);
  for (let i = 0; i < m; i++) classes = Math.max(classes, testLabels[i] + 1);
  // standardisation by the training rows
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = train[i * d + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  const shift = new Float32Array(d);
  const scale = new Float32Array(d);
  for (let j = 0; j < d; j++) {
    shift[j] = mean[j] / n;
    const sd = Math.sqrt(Math.max(sq[j] / n - shift[j] ** 2, 0));
    scale[j] = sd > 1e-6 ? 1 / sd : 1;
  }
  const standardise = (values: Float32Array, rows: number) => {
    const out = new Float32Array(rows * d);
    for (let i = 0; i < rows * d; i++) out[i] = (values[i] - shift[i % d]) * scale[i % d];
    return out;
  };
  const xs = standardise(train, n);
  const onehot = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) onehot[i * classes + trainLabels[i]] = 1;

  // Adam on the analytic gradient of the mean cross-entropy plus l2/2 |W|^2
  let w = tf.zeros([d, classes]);
  let b = tf.zeros([classes]);
  const moments = [tf.zeros([d, classes]), tf.zeros([classes]), tf.zeros([d, classes]), tf.zeros([classes])];
  const beta1 = 0.9;
  const beta2 = 0.999;
  const rng = createRng(seed);
  let t = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = permutation(n, rng);
      for (let start = 0; start < n; start += batchSize) {
        const rows = Math.min(batchSize, n - start);
        const bx = new Float32Array(rows * d);
        const by = new Float32Array(rows * classes);
        for (let r = 0; r < rows; r++) {
          const i = order[start + r];
          bx.set(xs.subarray(i * d, (i + 1) * d), r * d);
          by.set(onehot.subarray(i * classes, (i + 1) * classes), r * classes);
        }
        t++;
        const next = tf.tidy(() => {
          const x = tf.tensor2d(bx, [rows, d]);
          const err = tf.div(tf.sub(tf.softmax(tf.add(tf.matMul(x, w), b)), tf.tensor2d(by, [rows, classes])), rows);
          const grads = [tf.add(tf.matMul(x, err, true, false), tf.mul(w, l2)), tf.sum(err, 0)];
          const m1 = grads.map((g, k) => tf.add(tf.mul(moments[k], beta1), tf.mul(g, 1 - beta1)));
          const m2 = grads.map((g, k) => tf.add(tf.mul(moments[k + 2], beta2), tf.mul(tf.square(g), 1 - beta2)));
          const step = learningRate * (Math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t));
          const update = (p: tf.Tensor, k: number) => tf.sub(p, tf.mul(tf.div(m1[k], tf.add(tf.sqrt(m2[k]), 1e-8)), step));
          return [update(w, 0), update(b, 1), ...m1, ...m2];
        });
        tf.dispose([w, b, ...moments]);
        [w, b] = next;
        moments.splice(0, 4, ...next.slice(2));
      }
    }
    const predicted = tf.tidy(() => tf.argMax(tf.add(tf.matMul(tf.tensor2d(standardise(test, m), [m, d]), w), b), 1));
    const labels = predicted.dataSync();
    predicted.dispose();
    return accuracy(labels, testLabels);
  } finally {
    tf.dispose([w, b, ...moments]);
  }
}
