/**
 * The sparse matrix the recommender metrics and baselines read: compressed
 * sparse rows (CSR), one row per user, one column per item. Row `u` holds the
 * entries `rowStart[u] .. rowStart[u + 1] - 1` of `columnIndex` and `values`.
 * It is a structural interface, so any store with these typed arrays (a user
 * x item interaction table, a batch of users cut from one) fits as it is or
 * through a one-line adapter. Column indices need not be sorted within a row.
 */
import { ConfigError, ShapeError } from '../../errors.js';

/** A rows x columns sparse matrix in CSR form (users x items for a recommender). */
export interface SparseRows {
  /** Number of rows (users). */
  rows: number;
  /** Number of columns (items). */
  columns: number;
  /** rows + 1 offsets into `columnIndex` and `values`; `rowStart[0]` is 0 and the last is the entry count. */
  rowStart: Int32Array;
  /** The column (item) of each entry. */
  columnIndex: Int32Array;
  /** The value (rating, count, 1 for an interaction) of each entry. */
  values: Float32Array;
}

/** The entries of a {@link SparseRows} as three parallel arrays (row, column, value), in row order. */
export interface SparseEntries {
  row: Int32Array;
  column: Int32Array;
  value: Float32Array;
}

function wholeCount(what: string, name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ShapeError(`${what}: ${name} must be a whole number >= 0, got ${n}`);
}

/**
 * Checks that `m` is a well-formed CSR matrix (offsets non-decreasing from 0,
 * column indices in range, one value per entry); throws a ShapeError naming
 * `what` otherwise. Cost: one pass over the entries.
 *
 * @example
 * checkSparseRows('heldOut', heldOut); // throws on a malformed matrix
 */
export function checkSparseRows(what: string, m: SparseRows): void {
  wholeCount(what, 'rows', m.rows);
  wholeCount(what, 'columns', m.columns);
  if (m.rowStart.length !== m.rows + 1) throw new ShapeError(`${what}: rowStart has ${m.rowStart.length} offsets, expected rows + 1 = ${m.rows + 1}`);
  if (m.rowStart[0] !== 0) throw new ShapeError(`${what}: rowStart[0] is ${m.rowStart[0]}, expected 0`);
  for (let r = 0; r < m.rows; r++)
    if (m.rowStart[r + 1] < m.rowStart[r]) throw new ShapeError(`${what}: rowStart decreases at row ${r}`);
  const count = m.rowStart[m.rows];
  if (m.columnIndex.length < count || m.values.length < count)
    throw new ShapeError(`${what}: rowStart says ${count} entries, columnIndex has ${m.columnIndex.length} and values ${m.values.length}`);
  for (let e = 0; e < count; e++) {
    const c = m.columnIndex[e];
    if (c < 0 || c >= m.columns) throw new ShapeError(`${what}: entry ${e} has column ${c}, outside 0..${m.columns - 1}`);
  }
}

/**
 * The entries of `m` as parallel (row, column, value) arrays: the (user, item)
 * pairs to predict and the true ratings to score the predictions against.
 *
 * @example
 * const { row, column, value } = sparseEntries(testRatings);
 * rmse(baseline.predict(row, column), value);
 */
export function sparseEntries(m: SparseRows): SparseEntries {
  checkSparseRows('sparseEntries', m);
  const count = m.rowStart[m.rows];
  const row = new Int32Array(count);
  for (let r = 0; r < m.rows; r++) row.fill(r, m.rowStart[r], m.rowStart[r + 1]);
  return { row, column: m.columnIndex.slice(0, count), value: m.values.slice(0, count) };
}

/**
 * Rows `start .. end - 1` of `m` as a SparseRows of their own (views of the
 * same entries, offsets rebased to 0): a batch of users to score.
 *
 * @example
 * for (let s = 0; s < foldIn.rows; s += 500) {
 *   const batch = sliceRows(foldIn, s, Math.min(s + 500, foldIn.rows));
 *   const scores = ease.score(batch);
 * }
 */
export function sliceRows(m: SparseRows, start: number, end: number): SparseRows {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > m.rows)
    throw new ConfigError(`sliceRows: rows ${start}..${end} are not a range within 0..${m.rows}`);
  const first = m.rowStart[start];
  const last = m.rowStart[end];
  const rowStart = new Int32Array(end - start + 1);
  for (let r = 0; r <= end - start; r++) rowStart[r] = m.rowStart[start + r] - first;
  return { rows: end - start, columns: m.columns, rowStart, columnIndex: m.columnIndex.subarray(first, last), values: m.values.subarray(first, last) };
}
