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
 *
 * Each step works on four rows at a time (four rows of L against one row,
 * one row of W into four accumulators, four rows of W into one row of the
 * result), so every row read from memory serves four rows: on large
 * matrices, which do not fit in cache, that makes it 3 to 5 times faster
 * than one row at a time.
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

/** Rows of the Cholesky factor are computed this many at a time. */
const BLOCK = 4;

function cholesky(a: Float64Array, n: number): void {
  let i0 = 0;
  for (; i0 + BLOCK <= n; i0 += BLOCK) {
    const r0 = i0 * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    // columns left of the block: four dot products against row j at once
    for (let j = 0; j < i0; j++) {
      const rj = j * n;
      let s0 = a[r0 + j];
      let s1 = a[r1 + j];
      let s2 = a[r2 + j];
      let s3 = a[r3 + j];
      for (let k = 0; k < j; k++) {
        const l = a[rj + k];
        s0 -= a[r0 + k] * l;
        s1 -= a[r1 + k] * l;
        s2 -= a[r2 + k] * l;
        s3 -= a[r3 + k] * l;
      }
      const d = a[rj + j];
      a[r0 + j] = s0 / d;
      a[r1 + j] = s1 / d;
      a[r2 + j] = s2 / d;
      a[r3 + j] = s3 / d;
    }
    choleskyRows(a, n, i0, i0 + BLOCK, i0);
  }
  choleskyRows(a, n, i0, n, 0);
}

/** Rows from .. to - 1 of the Cholesky factor, columns j0 .. i of row i (the columns before j0 are done). */
function choleskyRows(a: Float64Array, n: number, from: number, to: number, j0: number): void {
  for (let i = from; i < to; i++) {
    const ri = i * n;
    for (let j = j0; j <= i; j++) {
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
  const acc = new Float64Array(BLOCK * n);
  let i0 = 0;
  for (; i0 < n; i0 += BLOCK) {
    const rows = Math.min(BLOCK, n - i0);
    acc.fill(0);
    if (rows === BLOCK) {
      const r0 = i0 * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      // rows of W before the block: one read of W[k] updates four accumulators
      for (let k = 0; k < i0; k++) {
        const l0 = a[r0 + k];
        const l1 = a[r1 + k];
        const l2 = a[r2 + k];
        const l3 = a[r3 + k];
        const rk = k * n;
        for (let j = 0; j <= k; j++) {
          const w = a[rk + j];
          acc[j] += l0 * w;
          acc[n + j] += l1 * w;
          acc[2 * n + j] += l2 * w;
          acc[3 * n + j] += l3 * w;
        }
      }
    }
    // the rest, row by row: W[i,:] = (e_i - sum over k < i of L[i][k] W[k,:]) / L[i][i]
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      const ri = i * n;
      const ar = r * n;
      for (let k = rows === BLOCK ? i0 : 0; k < i; k++) {
        const lik = a[ri + k];
        const rk = k * n;
        for (let j = 0; j <= k; j++) acc[ar + j] += lik * a[rk + j];
      }
      const d = 1 / a[ri + i];
      for (let j = 0; j < i; j++) a[ri + j] = -acc[ar + j] * d;
      a[ri + i] = d;
    }
  }
}

function lowerGram(a: Float64Array, n: number): void {
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, (i + 1) * n);
  let k0 = 0;
  for (; k0 + BLOCK <= n; k0 += BLOCK) {
    const q0 = k0 * n;
    const q1 = q0 + n;
    const q2 = q1 + n;
    const q3 = q2 + n;
    // the four rows' terms for i <= j <= k0: one pass over row i of the result
    for (let i = 0; i <= k0; i++) {
      const w0 = a[q0 + i];
      const w1 = a[q1 + i];
      const w2 = a[q2 + i];
      const w3 = a[q3 + i];
      diag[i] += w0 * w0 + w1 * w1 + w2 * w2 + w3 * w3;
      const ri = i * n;
      for (let j = i + 1; j <= k0; j++) a[ri + j] += w0 * a[q0 + j] + w1 * a[q1 + j] + w2 * a[q2 + j] + w3 * a[q3 + j];
    }
    gramRows(a, n, diag, k0, k0 + BLOCK, k0);
  }
  gramRows(a, n, diag, k0, n, -1);
  mirror(a, n, diag);
}

/**
 * Adds W[k,:]ᵀ W[k,:] for k = from .. to - 1 into the upper triangle and
 * `diag`, leaving out the terms with j <= after (done already); -1: none.
 */
function gramRows(a: Float64Array, n: number, diag: Float64Array, from: number, to: number, after: number): void {
  for (let k = from; k < to; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const w = a[rk + i];
      if (i > after) diag[i] += w * w;
      const ri = i * n;
      for (let j = Math.max(i, after) + 1; j <= k; j++) a[ri + j] += w * a[rk + j];
    }
  }
}

/** Writes the diagonal and mirrors the upper triangle onto the lower one. */
function mirror(a: Float64Array, n: number, diag: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    a[ri + i] = diag[i];
    for (let j = 0; j < i; j++) a[ri + j] = a[j * n + i];
  }
}
