/**
 * The inverse of a symmetric positive definite matrix, in place, in float64,
 * by Cholesky: G = L Lᵀ, then W = L⁻¹, then G⁻¹ = Wᵀ W. Every inner loop runs
 * along a row of the row-major array (a dot product of two rows, or a row
 * added to another), so the cost is about n³/2 multiply-adds with
 * contiguous memory access, and no memory beyond the n x n array and two
 * vectors of n:
 *
 * 1. Cholesky, row by row: L[i][j] = (G[i][j] - L[i,:j]·L[j,:j]) / L[j][j],
 *    over the lower triangle.
 * 2. W = L⁻¹ by forward substitution on whole rows:
 *    W[i,:] = (e_i - sum over k < i of L[i][k] W[k,:]) / L[i][i].
 * 3. G⁻¹ = Wᵀ W = sum over k of W[k,:]ᵀ W[k,:], accumulated into the strict
 *    upper triangle (free after step 1) and a separate diagonal, then
 *    mirrored to the lower triangle.
 */
import { DataValueError } from '../../errors.js';

/**
 * Replaces the n x n row-major SPD matrix in `a` (only its lower triangle,
 * diagonal included, is read) with its full symmetric inverse. Throws a
 * DataValueError when the matrix is not positive definite.
 *
 * @example
 * const a = Float64Array.of(4, 2, 2, 3); // [[4, 2], [2, 3]]
 * spdInverseInPlace(a, 2); // a = [[0.375, -0.25], [-0.25, 0.5]]
 */
export function spdInverseInPlace(a: Float64Array, n: number): void {
  cholesky(a, n);
  invertLower(a, n);
  lowerGram(a, n);
}

function cholesky(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (j < i) a[ri + j] = s / a[rj + j];
      else if (s > 0) a[ri + i] = Math.sqrt(s);
      else throw new DataValueError(`the matrix is not positive definite (pivot ${i} is ${s}); raise the regularisation`);
    }
  }
}

function invertLower(a: Float64Array, n: number): void {
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    acc.fill(0, 0, i);
    for (let k = 0; k < i; k++) {
      const lik = a[ri + k];
      const rk = k * n;
      for (let j = 0; j <= k; j++) acc[j] += lik * a[rk + j];
    }
    const d = 1 / a[ri + i];
    for (let j = 0; j < i; j++) a[ri + j] = -acc[j] * d;
    a[ri + i] = d;
  }
}

function lowerGram(a: Float64Array, n: number): void {
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, (i + 1) * n);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const w = a[rk + i];
      if (w === 0) continue;
      diag[i] += w * w;
      const ri = i * n;
      for (let j = i + 1; j <= k; j++) a[ri + j] += w * a[rk + j];
    }
  }
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    a[ri + i] = diag[i];
    for (let j = 0; j < i; j++) a[ri + j] = a[j * n + i];
  }
}
