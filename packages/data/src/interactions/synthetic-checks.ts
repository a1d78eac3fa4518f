/** Checking the size options of the synthetic generators. */
import { DataError } from '../errors.js';

/** Sizes shared by the synthetic generators. */
export interface SyntheticSize {
  /** Number of users (rows). */
  users: number;
  /** Number of items (columns). */
  items: number;
  /** Rank of the low-rank preference model (default 10). */
  rank?: number;
  /** Fraction of the users x items cells observed, in (0, 1] (default 0.01). */
  density?: number;
  /** Zipf exponent of item popularity and of user activity (default 1; 0 = uniform). */
  skew?: number;
  /** Seed of every draw. */
  seed: number;
}

/** The checked sizes with defaults filled in. */
export function checkSize(o: SyntheticSize, what: string): Required<SyntheticSize> {
  const positive = (v: number, name: string) => {
    if (!(Number.isInteger(v) && v >= 1)) throw new DataError(`${what}: ${name} must be a positive integer, got ${v}`);
  };
  positive(o.users, 'users');
  positive(o.items, 'items');
  const rank = o.rank ?? 10;
  positive(rank, 'rank');
  const density = o.density ?? 0.01;
  if (!(density > 0 && density <= 1)) throw new DataError(`${what}: density must be in (0, 1], got ${density}`);
  const skew = o.skew ?? 1;
  if (!(skew >= 0 && Number.isFinite(skew))) throw new DataError(`${what}: skew must be a non-negative number, got ${skew}`);
  if (!Number.isFinite(o.seed)) throw new DataError(`${what}: seed must be a finite number, got ${o.seed}`);
  return { users: o.users, items: o.items, rank, density, skew, seed: o.seed };
}

/** Ids "0", "1", ... (numeric, so they sort as their indices). */
export function indexIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i));
}
