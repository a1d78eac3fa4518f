/**
 * Weight initialisers. Values are drawn in JavaScript from the layer's seeded
 * `Rng`, not by a backend's random kernel, so a seed gives the same initial
 * weights on every backend (the basis of the cross-backend parity tests).
 */
import type { Rng } from '../rng.js';
import { ConfigError } from '../errors.js';

/** Names of the weight initialisers (Keras' definitions; normals are truncated at 2 sd). */
export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'zeros'] as const;
/** One of {@link INITIALIZERS}. */
export type InitializerName = (typeof INITIALIZERS)[number];

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
    default: {
      const never: never = name;
      throw new ConfigError(`unknown initializer "${never}"; allowed: ${INITIALIZERS.join(', ')}`);
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
