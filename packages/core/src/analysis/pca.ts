/**
 * Principal component analysis of n rows of d values, in plain JavaScript
 * (no tensors, so nothing to dispose and the same numbers on every backend).
 *
 * The top k directions come from block subspace iteration on the covariance
 * C: each pass computes C·Q for a d x l block Q (l = k plus a few extra
 * columns, which speed convergence) and re-orthonormalises it. The block
 * starts from seeded Gaussian noise and iterates until its Ritz values
 * settle; a final Rayleigh-Ritz step (a Jacobi eigen-solve of the small
 * l x l matrix Qᵀ·C·Q) gives the components and their variances. When l
 * reaches d the first pass already spans the whole space and the result is
 * exact. C·Q is computed whichever way costs fewer multiply-adds for the
 * expected number of passes: from the d x d covariance, formed once (n·d²/2,
 * then d²·l a pass), or straight from the rows without forming it (2·n·d·l a
 * pass), the cheaper way when d is large against n.
 * Sums run in float64. Each component's sign is fixed so that its largest
 * entry is positive, so the result depends on the data and the seed only.
 */
import { ConfigError } from '../errors.js';
import { createRng } from '../rng.js';

/** The principal axes of a data set, and a projection onto them. */
export interface Pca {
  /** The mean of each of the d columns. */
  mean: Float32Array;
  /** k unit vectors of length d, row-major (k x d), by decreasing variance. */
  components: Float32Array;
  /** The variance of the data along each component (denominator n - 1). */
  explained: Float64Array;
  /** Centres `m` rows of d values and projects them on the components: m x k, row-major. */
  project(values: Float32Array, m: number): Float32Array;
}

/** Options of {@link pca}. */
export interface PcaOptions {
  /** Seed of the random starting block (default 0). */
  seed?: number;
}

const MAX_PASSES = 100;
const TOLERANCE = 1e-10;

/**
 * The top `k` principal components of `n` rows of `d` values (row-major).
 *
 * @example
 * const p = pca(codes, n, 32, 2, { seed: 1 });
 * const xy = p.project(codes, n); // n x 2, for a scatter plot
 * p.explained; // the variance along each of the 2 axes
 */
export function pca(values: Float32Array, n: number, d: number, k: number, options: PcaOptions = {}): Pca {
  checkArguments(values, n, d, k);
  const mean = columnMeans(values, n, d);
  const l = Math.min(d, k + Math.max(k, 8));
  const rng = createRng(options.seed ?? 0);
  let q: Float64Array = new Float64Array(d * l);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, d, l);
  let previous: Float64Array | undefined;
  let ritz: { values: Float64Array; vectors: Float64Array } | undefined;
  const passes = 30; // a typical count, to pick the cheaper way
  const viaCovariance = (n * d * d) / 2 + passes * d * d * l <= 2 * passes * n * d * l;
  const cov = viaCovariance ? scatterMatrix(values, mean, n, d) : undefined;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const cq = cov ? matrixTimes(cov, d, q, l) : covarianceTimes(values, mean, n, d, q, l);
    ritz = symmetricEigen(gram(q, cq, d, l), l);
    if (l === d || (previous && settled(previous, ritz.values, k))) break;
    previous = ritz.values;
    q = cq;
    orthonormalise(q, d, l);
  }
  const { values: eigenvalues, vectors } = ritz!;
  const order = [...eigenvalues.keys()].sort((a, b) => eigenvalues[b] - eigenvalues[a]).slice(0, k);
  const components = new Float32Array(k * d);
  const explained = new Float64Array(k);
  const denominator = Math.max(1, n - 1);
  order.forEach((col, r) => {
    const axis = new Float64Array(d);
    for (let t = 0; t < d; t++) {
      let sum = 0;
      for (let j = 0; j < l; j++) sum += q[t * l + j] * vectors[j * l + col];
      axis[t] = sum;
    }
    let biggest = 0;
    for (let t = 0; t < d; t++) if (Math.abs(axis[t]) > Math.abs(axis[biggest])) biggest = t;
    const sign = axis[biggest] < 0 ? -1 : 1;
    for (let t = 0; t < d; t++) components[r * d + t] = sign * axis[t];
    explained[r] = Math.max(0, eigenvalues[col]) / denominator;
  });
  return {
    mean,
    components,
    explained,
    project(rows: Float32Array, m: number): Float32Array {
      if (!Number.isInteger(m) || m < 0 || rows.length !== m * d)
        throw new ConfigError(`pca project: expected ${m} rows of ${d} values (${m * d}), got ${rows.length} values`);
      const out = new Float32Array(m * k);
      for (let i = 0; i < m; i++)
        for (let r = 0; r < k; r++) {
          let sum = 0;
          for (let t = 0; t < d; t++) sum += (rows[i * d + t] - mean[t]) * components[r * d + t];
          out[i * k + r] = sum;
        }
      return out;
    },
  };
}

function checkArguments(values: Float32Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`pca: n must be an integer >= 1, got ${n}`, { field: 'n' });
  if (!Number.isInteger(d) || d < 1) throw new ConfigError(`pca: d must be an integer >= 1, got ${d}`, { field: 'd' });
  if (!Number.isInteger(k) || k < 1 || k > d)
    throw new ConfigError(`pca: k must be an integer in 1..${d} (the number of columns), got ${k}`, { field: 'k' });
  if (values.length !== n * d)
    throw new ConfigError(`pca: expected ${n} rows of ${d} values (${n * d}), got ${values.length} values`);
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(values[i]))
      throw new ConfigError(`pca: row ${Math.floor(i / d)}, column ${i % d} is ${values[i]}; values must be finite`);
}

function columnMeans(values: Float32Array, n: number, d: number): Float32Array {
  const sums = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) sums[t] += values[i * d + t];
  return Float32Array.from(sums, (s) => s / n);
}

/** (X - mean)ᵀ (X - mean) Q in one pass over the rows; Q and the result are d x l. */
function covarianceTimes(values: Float32Array, mean: Float32Array, n: number, d: number, q: Float64Array, l: number): Float64Array {
  const out = new Float64Array(d * l);
  const row = new Float64Array(d);
  const y = new Float64Array(l);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let t = 0; t < d; t++) row[t] = values[base + t] - mean[t];
    y.fill(0);
    for (let t = 0; t < d; t++) {
      const v = row[t];
      if (v === 0) continue;
      const qt = t * l;
      for (let j = 0; j < l; j++) y[j] += v * q[qt + j];
    }
    for (let t = 0; t < d; t++) {
      const v = row[t];
      if (v === 0) continue;
      const ot = t * l;
      for (let j = 0; j < l; j++) out[ot + j] += v * y[j];
    }
  }
  return out;
}

/** (X - mean)ᵀ (X - mean) as a d x d matrix, four rows at a time (the upper triangle, then mirrored). */
function scatterMatrix(values: Float32Array, mean: Float32Array, n: number, d: number): Float64Array {
  const out = new Float64Array(d * d);
  const rows = [new Float64Array(d), new Float64Array(d), new Float64Array(d), new Float64Array(d)];
  const [a, b, c, e] = rows;
  for (let i = 0; i < n; i += 4) {
    const m = Math.min(4, n - i);
    for (let r = 0; r < 4; r++) {
      const row = rows[r];
      if (r < m) for (let t = 0; t < d; t++) row[t] = values[(i + r) * d + t] - mean[t];
      else row.fill(0);
    }
    for (let s = 0; s < d; s++) {
      const [as, bs, cs, es] = [a[s], b[s], c[s], e[s]];
      if (as === 0 && bs === 0 && cs === 0 && es === 0) continue;
      const base = s * d;
      for (let t = s; t < d; t++) out[base + t] += as * a[t] + bs * b[t] + cs * c[t] + es * e[t];
    }
  }
  for (let s = 0; s < d; s++) for (let t = s + 1; t < d; t++) out[t * d + s] = out[s * d + t];
  return out;
}

/** A·Q for a d x d matrix A and a d x l matrix Q. */
function matrixTimes(a: Float64Array, d: number, q: Float64Array, l: number): Float64Array {
  const out = new Float64Array(d * l);
  for (let s = 0; s < d; s++) {
    const os = s * l;
    for (let t = 0; t < d; t++) {
      const v = a[s * d + t];
      if (v === 0) continue;
      const qt = t * l;
      for (let j = 0; j < l; j++) out[os + j] += v * q[qt + j];
    }
  }
  return out;
}

/** Modified Gram-Schmidt on the l columns of a d x l matrix; a column that vanishes is replaced by a unit vector orthogonal to the others. */
function orthonormalise(a: Float64Array, d: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let attempt = 0; ; attempt++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let t = 0; t < d; t++) dot += a[t * l + j] * a[t * l + p];
        for (let t = 0; t < d; t++) a[t * l + j] -= dot * a[t * l + p];
      }
      let norm = 0;
      for (let t = 0; t < d; t++) norm += a[t * l + j] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-12 || attempt >= d) {
        for (let t = 0; t < d; t++) a[t * l + j] /= norm || 1;
        break;
      }
      // rank-deficient data: restart this column from a basis vector
      for (let t = 0; t < d; t++) a[t * l + j] = t === (j + attempt) % d ? 1 : 0;
    }
  }
}

/** Qᵀ·B for two d x l matrices: l x l. */
function gram(q: Float64Array, b: Float64Array, d: number, l: number): Float64Array {
  const out = new Float64Array(l * l);
  for (let t = 0; t < d; t++)
    for (let i = 0; i < l; i++) {
      const v = q[t * l + i];
      for (let j = 0; j < l; j++) out[i * l + j] += v * b[t * l + j];
    }
  for (let i = 0; i < l; i++)
    for (let j = i + 1; j < l; j++) out[i * l + j] = out[j * l + i] = (out[i * l + j] + out[j * l + i]) / 2;
  return out;
}

function settled(before: Float64Array, after: Float64Array, k: number): boolean {
  const top = (v: Float64Array) => [...v].sort((a, b) => b - a).slice(0, k);
  const [a, b] = [top(before), top(after)];
  const scale = Math.max(Math.abs(b[0]), 1e-300);
  return a.every((v, i) => Math.abs(v - b[i]) <= TOLERANCE * scale);
}

/** Eigenvalues and eigenvectors (columns of an m x m matrix) of a symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(matrix: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        total += a[i * m + j] ** 2;
        if (i !== j) off += a[i * m + j] ** 2;
      }
    if (off <= 1e-30 * Math.max(total, 1e-300)) break;
    for (let p = 0; p < m - 1; p++)
      for (let r = p + 1; r < m; r++) {
        const apr = a[p * m + r];
        if (apr === 0) continue;
        const theta = (a[r * m + r] - a[p * m + p]) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let i = 0; i < m; i++) {
          const aip = a[i * m + p];
          const air = a[i * m + r];
          a[i * m + p] = c * aip - s * air;
          a[i * m + r] = s * aip + c * air;
        }
        for (let i = 0; i < m; i++) {
          const api = a[p * m + i];
          const ari = a[r * m + i];
          a[p * m + i] = c * api - s * ari;
          a[r * m + i] = s * api + c * ari;
        }
        for (let i = 0; i < m; i++) {
          const vip = v[i * m + p];
          const vir = v[i * m + r];
          v[i * m + p] = c * vip - s * vir;
          v[i * m + r] = s * vip + c * vir;
        }
      }
  }
  return { values: Float64Array.from({ length: m }, (_, i) => a[i * m + i]), vectors: v };
}
