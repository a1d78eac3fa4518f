/**
 * NumPy's legacy `np.random.RandomState(seed).rand(n)` in JavaScript, bit for
 * bit: MT19937 seeded by `init_genrand(seed)` (what RandomState does with an
 * integer seed) and doubles of 53 random bits (`genrand_res53`). The speed
 * yardstick of model S (shared/reference/pytorch-seq-bench.py) draws its noise
 * this way, so the Hourglass side trains on exactly the same series.
 *
 * @example
 * uniformDoubles(3, 2); // np.random.RandomState(3).rand(2) -> [0.5507979..., 0.7081478...]
 */
export function uniformDoubles(seed, n) {
  const mt = new Uint32Array(624);
  mt[0] = seed >>> 0;
  for (let i = 1; i < 624; i++) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    // 1812433253 * prev + i, modulo 2^32, without losing bits to doubles
    mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
  }
  let index = 624;
  const next = () => {
    if (index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = next() >>> 5;
    const b = next() >>> 6;
    out[i] = (a * 67108864 + b) / 9007199254740992;
  }
  return out;
}
