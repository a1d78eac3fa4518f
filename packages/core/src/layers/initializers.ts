/**
 * Weight initialisers. Values are drawn in JavaScript from the layer's seeded
 * `Rng`, not by a backend's random kernel, so a seed gives the same initial
 * weights on every backend (the basis of the cross-backend parity tests).
 */
import type { Rng } from '../rng.js';
import { ConfigError } from '../errors.js';

/** Names of the weight initialisers (Keras' definitions; normals are truncated at 2 sd). */
export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'zeros'] as const;
/** The initialisers of a recurrent kernel: {@link INITIALIZERS} and 'orthogonal'. */
export const RECURRENT_INITIALIZERS = [...INITIALIZERS, 'orthogonal'] as const;
/**
 * One of {@link RECURRENT_INITIALIZERS}. 'orthogonal' takes the weight as a
 * `[fanIn, fanOut]` matrix, so its size must be fanIn x fanOut.
 */
export type InitializerName = (typeof RECURRENT_INITIALIZERS)[number];

/**
 * Fills a weight array of `size` values for a layer with the given fans.
 *
 * @example
 * const w = initialize('glorotUniform', 784 * 128, 784, 128, createRng(0));
 */
export function initialize(name: InitializerName, size: number, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const out = new Float32Array(size);
  switch (name) {
    case 'zeros':
      return out;
    case 'glorotUniform':
      return fillUniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'heUniform':
      return fillUniform(out, Math.sqrt(6 / fanIn), rng);
    case 'glorotNormal':
      return fillTruncatedNormal(out, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'heNormal':
      return fillTruncatedNormal(out, Math.sqrt(2 / fanIn), rng);
    case 'orthogonal':
      if (size !== fanIn * fanOut) throw new ConfigError(`the orthogonal initializer needs a [${fanIn}, ${fanOut}] matrix, got ${size} values`);
      return fillOrthogonal(out, fanIn, fanOut, rng);
    default: {
      const never: never = name;
      throw new ConfigError(`unknown initializer "${never}"; allowed: ${RECURRENT_INITIALIZERS.join(', ')}`);
    }
  }
}

function fillUniform(out: Float32Array, limit: number, rng: Rng): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}

/** Truncated at two standard deviations and rescaled (as Keras does) so the variance is `std^2`. */
function fillTruncatedNormal(out: Float32Array, std: number, rng: Rng): Float32Array {
  const scale = std / 0.87962566103423978;
  for (let i = 0; i < out.length; i++) {
    let v: number;
    do v = rng.normal();
    while (v < -2 || v > 2);
    out[i] = v * scale;
  }
  return out;
}

/**
 * A random orthogonal [rows, cols] matrix (Keras' orthogonal): the
 * Gram-Schmidt orthonormalisation of a Gaussian matrix, whose rows (when
 * rows <= cols) or columns are orthonormal.
 */
function fillOrthogonal(out: Float32Array, rows: number, cols: number, rng: Rng): Float32Array {
  // Orthonormal vectors are the rows of a [n, m] matrix, n <= m.
  const [n, m] = rows <= cols ? [rows, cols] : [cols, rows];
  const v = Float64Array.from({ length: n * m }, () => rng.normal());
  for (let i = 0; i < n; i++) {
    const vi = v.subarray(i * m, (i + 1) * m);
    for (let j = 0; j < i; j++) {
      const vj = v.subarray(j * m, (j + 1) * m);
      let dot = 0;
      for (let k = 0; k < m; k++) dot += vi[k] * vj[k];
      for (let k = 0; k < m; k++) vi[k] -= dot * vj[k];
    }
    let norm = 0;
    for (let k = 0; k < m; k++) norm += vi[k] * vi[k];
    norm = Math.sqrt(norm);
    for (let k = 0; k < m; k++) vi[k] /= norm;
  }
  for (let i = 0; i < n; i++)
    for (let k = 0; k < m; k++) {
      if (rows <= cols) out[i * cols + k] = v[i * m + k];
      else out[k * cols + i] = v[i * m + k];
    }
  return out;
}
