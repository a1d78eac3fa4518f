/**
 * Collecting (user, item, value) triples as they are read, then turning them
 * into CSR. Ids get provisional indices in order of first appearance (two
 * Maps, one entry per distinct id); the triples go into typed arrays that
 * double as needed but never past `maxInteractions`, checked before growing.
 *
 * `finish` sorts the ids, then orders the triples with two stable counting
 * sorts (by item, then by user), so each user's items come out ascending and
 * repeats of a (user, item) pair stay in reading order: the last one wins.
 * Peak memory is about 28 bytes per triple (the triples, two orderings and
 * the CSR arrays), all linear in the number read.
 */
import type { DataErrorLocation } from '../errors.js';
import { limitError } from '../formats/limits.js';
import { sortedIds } from './ids.js';
import { Interactions } from './interactions.js';

/** Default `maxInteractions`: 2^26 = 67,108,864 (MovieLens-20M has 20,000,263, ML-32M 32,000,204). */
export const DEFAULT_MAX_INTERACTIONS = 2 ** 26;

/** Accumulates triples with string ids. */
export class InteractionsBuilder {
  private users = new Map<string, number>();
  private items = new Map<string, number>();
  private u = new Int32Array(1024);
  private i = new Int32Array(1024);
  private v = new Float32Array(1024);
  /** Triples added so far. */
  length = 0;

  constructor(
    private readonly maxInteractions: number,
    private readonly file?: string,
  ) {}

  /** Adds one triple; `where` locates it for the limit error. */
  add(user: string, item: string, value: number, where?: DataErrorLocation): void {
    if (this.length >= this.maxInteractions) {
      throw limitError('more interactions than', this.maxInteractions, 'interactions', 'maxInteractions', { file: this.file, ...where });
    }
    if (this.length === this.u.length) this.grow();
    let ui = this.users.get(user);
    if (ui === undefined) this.users.set(user, (ui = this.users.size));
    let ii = this.items.get(item);
    if (ii === undefined) this.items.set(item, (ii = this.items.size));
    this.u[this.length] = ui;
    this.i[this.length] = ii;
    this.v[this.length] = value;
    this.length++;
  }

  private grow(): void {
    const size = Math.min(this.length * 2, Math.max(this.maxInteractions, 1));
    const grown = <T extends Int32Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.u = grown(this.u, (n) => new Int32Array(n));
    this.i = grown(this.i, (n) => new Int32Array(n));
    this.v = grown(this.v, (n) => new Float32Array(n));
  }

  /** The CSR store (duplicates resolved, later triples winning). */
  finish(name: string): Interactions {
    const n = this.length;
    const userIds = sortedIds(this.users.keys());
    const itemIds = sortedIds(this.items.keys());
    const userRank = rankOf(this.users, userIds);
    const itemRank = rankOf(this.items, itemIds);
    const u = this.u.subarray(0, n);
    const i = this.i.subarray(0, n);
    for (let k = 0; k < n; k++) {
      u[k] = userRank[u[k]];
      i[k] = itemRank[i[k]];
    }
    const byItem = countingOrder(i, itemIds.length, undefined);
    const order = countingOrder(u, userIds.length, byItem);
    const rowStart = new Int32Array(userIds.length + 1);
    const itemIndex = new Int32Array(n);
    const values = new Float32Array(n);
    let nnz = 0;
    let prevUser = -1;
    for (let k = 0; k < n; k++) {
      const t = order[k];
      const user = u[t];
      if (user === prevUser && itemIndex[nnz - 1] === i[t]) {
        values[nnz - 1] = this.v[t]; // a repeat: the later line wins
        continue;
      }
      itemIndex[nnz] = i[t];
      values[nnz] = this.v[t];
      nnz++;
      rowStart[user + 1] = nnz;
      prevUser = user;
    }
    for (let r = 1; r <= userIds.length; r++) if (rowStart[r] < rowStart[r - 1]) rowStart[r] = rowStart[r - 1];
    return new Interactions({
      name, userIds, itemIds, rowStart,
      itemIndex: nnz === n ? itemIndex : itemIndex.slice(0, nnz),
      values: nnz === n ? values : values.slice(0, nnz),
    });
  }
}

/** provisional index -> sorted position. */
function rankOf(map: Map<string, number>, sorted: string[]): Int32Array {
  const rank = new Int32Array(sorted.length);
  sorted.forEach((id, r) => (rank[map.get(id)!] = r));
  return rank;
}

/**
 * A stable ordering of positions by key (a counting sort): of 0..n-1 when
 * `within` is undefined, else of the positions listed in `within`, keeping
 * their order among equal keys.
 */
function countingOrder(keys: Int32Array, buckets: number, within: Int32Array | undefined): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (let k = 0; k < keys.length; k++) start[keys[k] + 1]++;
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const order = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const t = within ? within[k] : k;
    order[start[keys[t]]++] = t;
  }
  return order;
}
