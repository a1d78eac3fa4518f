import type { SparseRows } from '../src/index.js';

/**
 * A users x items SparseRows from one list per user: item indices (value 1)
 * or [item, value] pairs.
 */
export function csr(columns: number, users: (number | [number, number])[][]): SparseRows {
  const rowStart = new Int32Array(users.length + 1);
  const entries = users.flat();
  const columnIndex = new Int32Array(entries.length);
  const values = new Float32Array(entries.length);
  let e = 0;
  users.forEach((row, u) => {
    for (const entry of row) {
      const [item, value] = typeof entry === 'number' ? [entry, 1] : entry;
      columnIndex[e] = item;
      values[e++] = value;
    }
    rowStart[u + 1] = e;
  });
  return { rows: users.length, columns, rowStart, columnIndex, values };
}

/** A dense users x items matrix of a SparseRows, for direct computations in tests. */
export function dense(m: SparseRows): number[][] {
  const out = Array.from({ length: m.rows }, () => new Array<number>(m.columns).fill(0));
  for (let u = 0; u < m.rows; u++) for (let e = m.rowStart[u]; e < m.rowStart[u + 1]; e++) out[u][m.columnIndex[e]] += m.values[e];
  return out;
}
