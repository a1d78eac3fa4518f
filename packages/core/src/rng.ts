/**
 * Seeded randomness. Every random choice in Hourglass (weight init, shuffles,
 * corruption noise, latent sampling, dropout) derives from an explicit seed
 * through this generator, so the same seed on the same backend gives the
 * same model. Tensor-valued noise uses tfjs's seeded random ops with a seed
 * drawn from here.
 *
 * @hourglass/data keeps its own generator (`mulberry32`, for dataset splits,
 * so a split is repeated in any language) and Fisher-Yates: it has no tfjs,
 * and core may not depend on it.
 */

/** A deterministic stream of numbers in [0, 1). */
export interface Rng {
  /** Next uniform number in [0, 1). */
  next(): number;
  /** Next integer in [0, 2^31), suitable as a seed for tfjs random ops. */
  nextSeed(): number;
  /** A standard normal sample (Box-Muller). */
  normal(): number;
  /** An independent child stream, deterministic for a given parent state and label. */
  fork(label: string): Rng;
}

function hashString(s: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * Creates a seeded generator (SplitMix32).
 *
 * @example
 * const rng = createRng(42);
 * rng.next(); // same value on every run
 */
export function createRng(seed: number): Rng {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  const nextU32 = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let spare: number | null = null;
  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    nextSeed: () => nextU32() >>> 1,
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = rng.next();
      const v = rng.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork: (label: string) => createRng((nextU32() ^ hashString(label)) >>> 0),
  };
  return rng;
}

/** A Fisher-Yates permutation of 0..n-1 drawn from `rng`. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
