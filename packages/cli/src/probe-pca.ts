/**
 * The PCA baseline of `evaluate --probe`: the training inputs' top principal
 * components, as many as the code has dimensions, fitted on the training
 * part only; both parts projected onto them.
 */
import { pca } from '@hourglass/core';

/**
 * `train` (n x d) and `test` (m x d) projected onto the top `k` principal
 * components of `train` (at most d of them).
 *
 * @example
 * const { train: a, test: b, dims } = pcaBaseline(trainX, 8000, testX, 2000, 784, 32, 0);
 */
export function pcaBaseline(train: Float32Array, n: number, test: Float32Array, m: number, d: number, k: number, seed: number): { train: Float32Array; test: Float32Array; dims: number } {
  const dims = Math.min(k, d, n);
  const fitted = pca(train, n, d, dims, { seed });
  return { train: fitted.project(train, n), test: fitted.project(test, m), dims };
}
