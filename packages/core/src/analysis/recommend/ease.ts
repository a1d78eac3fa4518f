/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"):
 * an item x item weight matrix B with a zero diagonal, fitted in closed form
 * to the training matrix X (users x items):
 *
 *   G = Xᵀ X + lambda I,  P = G⁻¹,  B = I - P diag(1 / diag(P)),
 *
 * that is B[i][j] = -P[i][j] / P[j][j] off the diagonal and 0 on it; a user's
 * scores are their row of X times B. The inverse is a float64 Cholesky
 * (spd-inverse.ts) in place in the one items x items array that then holds
 * B, so memory is items² x 8 bytes: 3.5 GB at the default bound of 21,000
 * items (ML-20M as Liang et al. filter it has 20,108), and the time about
 * items³ / 2 multiply-adds plus sum over users of (their items)² for G:
 * seconds for a few thousand items, but growing as items³, so of the order
 * of an hour or more in plain JavaScript at ML-20M's size.
 */
import { ConfigError } from '../../errors.js';
import { checkScorerInput, type ItemScorer } from './item-scorer.js';
import { spdInverseInPlace } from './spd-inverse.js';
import { checkSparseRows, type SparseRows } from './sparse-rows.js';

/** Options of {@link fitEase}. */
export interface EaseOptions {
  /** L2 regularisation lambda added to the diagonal of Xᵀ X (default 500, Steck's value for ML-20M). */
  lambda?: number;
  /** The most items to fit (default 21,000: an items x items float64 matrix of 3.5 GB); more is refused before allocating. */
  maxItems?: number;
}

/** A fitted EASE model. */
export interface Ease extends ItemScorer {
  /** B, items x items row-major, zero diagonal: item i's contribution to item j's score is B[i * items + j]. */
  weights: Float64Array;
}

/** Default `maxItems` of {@link fitEase}. */
export const DEFAULT_EASE_MAX_ITEMS = 21_000;

const gigabytes = (items: number) => `${((items * items * 8) / 1e9).toFixed(1)} GB`;

/**
 * Fits EASE to the training interactions (users x items, CSR; values are
 * used as they are, so give 1 for each interaction for the paper's binary X).
 *
 * @example
 * const ease = fitEase(train, { lambda: 500 });
 * ndcgAtK(ease.score(foldIn), heldOut, 100, foldIn).mean;
 */
export function fitEase(train: SparseRows, options: EaseOptions = {}): Ease {
  const lambda = options.lambda ?? 500;
  const maxItems = options.maxItems ?? DEFAULT_EASE_MAX_ITEMS;
  if (!Number.isFinite(lambda) || lambda <= 0) throw new ConfigError(`fitEase: lambda must be a finite number > 0, got ${lambda}`, { field: 'lambda' });
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new ConfigError(`fitEase: maxItems must be a whole number >= 1, got ${maxItems}`, { field: 'maxItems' });
  checkSparseRows('fitEase train', train);
  const n = train.columns;
  if (n < 1) throw new ConfigError('fitEase: the training matrix has no items');
  if (n > maxItems)
    throw new ConfigError(
      `fitEase: ${n} items need a ${n} x ${n} float64 matrix (${gigabytes(n)}), above maxItems = ${maxItems} (${gigabytes(maxItems)}); ` +
        'keep fewer items (drop the rarest) or raise maxItems if the memory is there',
      { field: 'maxItems' },
    );
  let b: Float64Array;
  try {
    b = new Float64Array(n * n);
  } catch (error) {
    throw new ConfigError(`fitEase: could not allocate the ${n} x ${n} float64 matrix (${gigabytes(n)}): ${(error as Error).message}`, { field: 'maxItems' });
  }
  gramLower(train, b, n);
  for (let i = 0; i < n; i++) b[i * n + i] += lambda;
  spdInverseInPlace(b, n);
  const diag = new Float64Array(n);
  for (let j = 0; j < n; j++) diag[j] = b[j * n + j];
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) b[ri + j] = i === j ? 0 : -b[ri + j] / diag[j];
  }
  const weights = b;
  const score = (input: SparseRows) => {
    checkScorerInput('ease.score', input, n);
    const out = new Float32Array(input.rows * n);
    const acc = new Float64Array(n);
    for (let u = 0; u < input.rows; u++) {
      acc.fill(0);
      for (let e = input.rowStart[u]; e < input.rowStart[u + 1]; e++) {
        const v = input.values[e];
        const ri = input.columnIndex[e] * n;
        for (let j = 0; j < n; j++) acc[j] += v * weights[ri + j];
      }
      out.set(acc, u * n);
    }
    return out;
  };
  return { items: n, weights, score };
}

/** Adds the lower triangle (diagonal included) of Xᵀ X into the n x n row-major `g`. */
function gramLower(x: SparseRows, g: Float64Array, n: number): void {
  for (let u = 0; u < x.rows; u++) {
    const start = x.rowStart[u];
    const end = x.rowStart[u + 1];
    for (let e = start; e < end; e++) {
      const i = x.columnIndex[e];
      const vi = x.values[e];
      const ri = i * n;
      for (let f = start; f < end; f++) {
        const j = x.columnIndex[f];
        if (j <= i) g[ri + j] += vi * x.values[f];
      }
    }
  }
}
