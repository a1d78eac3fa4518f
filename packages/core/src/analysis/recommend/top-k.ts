/**
 * Top-K item selection without sorting all items: a bounded heap of the K
 * best items seen so far, whose root is the worst of them, so each further
 * item costs one comparison unless it enters the heap (O(n log K) a user
 * instead of O(n log n); 27,000 items and K = 20 cost little more than one
 * pass over the scores).
 *
 * Ties: among equal scores the lower item index ranks first, the order a
 * stable sort by descending score gives, so results are deterministic.
 * NaN scores are refused (a DataValueError naming the user and item).
 * Excluded items are not ranked at all: when fewer than K items are left,
 * the list is shorter than K.
 */
import { ConfigError, DataValueError, ShapeError } from '../../errors.js';
import { checkSparseRows, type SparseRows } from './sparse-rows.js';

/** Reusable scratch for selecting the top `k` of one row of scores after another. */
export class TopKSelector {
  private readonly heap: Int32Array;

  constructor(readonly k: number) {
    this.heap = new Int32Array(k);
  }

  /**
   * Writes the best items of `scores[offset .. offset + n)` into `out`, best
   * first, skipping item j when `skip[j] === stamp`; returns how many it wrote
   * (k, or fewer when fewer items are left). `row` only names the row in errors.
   */
  select(scores: Float32Array, offset: number, n: number, out: Int32Array, skip?: Int32Array, stamp = 0, row = 0): number {
    const heap = this.heap;
    const k = this.k;
    // a worse than b: lower score, or the same score and a higher index
    const worse = (a: number, sa: number, b: number) => {
      const sb = scores[offset + b];
      return sa < sb || (sa === sb && a > b);
    };
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (skip !== undefined && skip[j] === stamp) continue;
      const s = scores[offset + j];
      if (s !== s) throw new DataValueError(`scores of row ${row}, item ${j} is NaN; scores must be numbers`);
      if (size < k) {
        let pos = size++;
        while (pos > 0) {
          const parent = (pos - 1) >> 1;
          if (!worse(j, s, heap[parent])) break;
          heap[pos] = heap[parent];
          pos = parent;
        }
        heap[pos] = j;
      } else if (s > scores[offset + heap[0]]) {
        // j has the highest index yet, so an equal score never displaces the root
        this.siftDown(scores, offset, j, size, worse);
      }
    }
    // pop the worst into the last free place until the heap is empty: best first
    for (let m = size; m > 0; m--) {
      out[m - 1] = heap[0];
      if (m > 1) this.siftDown(scores, offset, heap[m - 1], m - 1, worse);
    }
    return size;
  }

  /** Puts `item` at the root of a heap of `size` and moves it down to its place. */
  private siftDown(scores: Float32Array, offset: number, item: number, size: number, worse: (a: number, sa: number, b: number) => boolean): void {
    const heap = this.heap;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && worse(heap[right], scores[offset + heap[right]], heap[child])) child = right;
      if (!worse(heap[child], scores[offset + heap[child]], item)) break;
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = item;
  }
}

/** Checks that `k` is a whole number >= 1. */
export function checkK(what: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new ConfigError(`${what}: k must be a whole number >= 1, got ${k}`);
}

/** Checks that a dense `rows x columns` score matrix fits `m`. */
export function checkScores(what: string, scores: Float32Array, m: SparseRows): void {
  if (scores.length !== m.rows * m.columns)
    throw new ShapeError(`${what}: ${scores.length} scores do not make ${m.rows} users x ${m.columns} items`);
}

/**
 * Marks the columns of each row of `m` in turn in a per-column stamp array:
 * after `mark(r)`, `stamps[j] === r` exactly when row r has column j.
 */
export class RowMarker {
  readonly stamps: Int32Array;

  constructor(private readonly m: SparseRows) {
    this.stamps = new Int32Array(m.columns).fill(-1);
  }

  /** Marks row r's columns; returns how many distinct columns it has. */
  mark(r: number): number {
    let distinct = 0;
    for (let e = this.m.rowStart[r]; e < this.m.rowStart[r + 1]; e++) {
      const c = this.m.columnIndex[e];
      if (this.stamps[c] !== r) distinct++;
      this.stamps[c] = r;
    }
    return distinct;
  }
}

/** Checks that `exclude` has the users and items of `like`. */
export function checkExclude(what: string, exclude: SparseRows, like: { rows: number; columns: number }): void {
  checkSparseRows(`${what} exclude`, exclude);
  if (exclude.rows !== like.rows || exclude.columns !== like.columns)
    throw new ShapeError(`${what}: exclude is ${exclude.rows} users x ${exclude.columns} items, expected ${like.rows} x ${like.columns}`);
}

/**
 * The `k` best-scored items of each user, best first (ties to the lower item
 * index), leaving out each user's items in `exclude` (what they already
 * have): a `rows x k` Int32Array, padded with -1 when fewer than k items are
 * left. `scores` is a dense `rows x columns` matrix, row-major.
 *
 * @example
 * const scores = ease.score(foldIn);                 // users x items
 * const top = topK(scores, foldIn.columns, 10, foldIn); // users x 10 item indices
 */
export function topK(scores: Float32Array, columns: number, k: number, exclude?: SparseRows): Int32Array {
  checkK('topK', k);
  if (!Number.isInteger(columns) || columns < 1 || scores.length % columns !== 0)
    throw new ShapeError(`topK: ${scores.length} scores do not make rows of ${columns} items`);
  const rows = scores.length / columns;
  if (exclude) checkExclude('topK', exclude, { rows, columns });
  const out = new Int32Array(rows * k).fill(-1);
  const selector = new TopKSelector(k);
  const marker = exclude && new RowMarker(exclude);
  for (let u = 0; u < rows; u++) {
    marker?.mark(u);
    selector.select(scores, u * columns, columns, out.subarray(u * k, (u + 1) * k), marker?.stamps, u, u);
  }
  return out;
}
