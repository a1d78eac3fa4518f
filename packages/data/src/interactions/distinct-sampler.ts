/**
 * Drawing k distinct items with probability proportional to weights,
 * one after another (successive sampling without replacement): draws come
 * from the cumulative weights by binary search, a repeat is drawn again,
 * and when repeats pile up the cumulative sums are rebuilt without the
 * items already drawn. Cost per draw: log(items), plus a rebuild (items)
 * only when the drawn items hold much of the weight.
 */
export class DistinctSampler {
  private readonly cumulative: Float64Array;
  private readonly taken: Uint8Array;
  private weights: Float64Array;
  private dirty = true;

  constructor(items: number) {
    this.cumulative = new Float64Array(items);
    this.taken = new Uint8Array(items);
    this.weights = new Float64Array(items);
  }

  /** Sets the weights (kept by reference; non-negative). */
  setWeights(weights: Float64Array): void {
    this.weights = weights;
    this.dirty = true;
  }

  /** Writes k distinct items into out[0..k), ascending. */
  draw(k: number, rng: () => number, out: Int32Array): void {
    const n = this.weights.length;
    if (this.dirty) this.rebuild(false);
    let total = n ? this.cumulative[n - 1] : 0;
    let got = 0;
    let misses = 0;
    while (got < k) {
      if (!(total > 0)) {
        // the remaining items have no weight (or underflowed): take them in order
        for (let j = 0; j < n && got < k; j++) if (!this.taken[j]) out[got++] = this.mark(j);
        break;
      }
      const j = this.search(rng() * total);
      if (this.taken[j]) {
        if (++misses > 2 * k + 32) {
          total = this.rebuild(true);
          misses = 0;
        }
        continue;
      }
      out[got++] = this.mark(j);
    }
    const chosen = out.subarray(0, k).sort();
    for (let q = 0; q < k; q++) this.taken[chosen[q]] = 0;
  }

  private mark(j: number): number {
    this.taken[j] = 1;
    return j;
  }

  /** Rebuilds the cumulative sums, leaving out taken items when `skipTaken`; returns the total. */
  private rebuild(skipTaken: boolean): number {
    let s = 0;
    for (let j = 0; j < this.weights.length; j++) {
      if (!(skipTaken && this.taken[j])) s += this.weights[j];
      this.cumulative[j] = s;
    }
    this.dirty = skipTaken;
    return s;
  }

  /** The first j with cumulative[j] > r. */
  private search(r: number): number {
    let lo = 0;
    let hi = this.weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
