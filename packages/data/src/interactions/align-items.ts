/**
 * Re-indexing interactions onto another item list, a model's columns: a
 * model trained on one file reads another (new users, a newer export) in
 * its own item order; interactions with items it never saw are dropped and
 * counted, items it knows but the file lacks are empty columns.
 */
import { IdIndex } from './ids.js';
import { CsrWriter } from './csr-writer.js';
import type { Interactions } from './interactions.js';
import { longestRow } from './pick.js';

/** The interactions over the new item list, and how many were dropped. */
export interface AlignedItems {
  interactions: Interactions;
  /** Interactions whose item is not in the list. */
  dropped: number;
}

/**
 * The same users (rows) over `itemIds` (columns, in that order).
 *
 * @example
 * const { interactions, dropped } = alignItems(readFromFile, model.metadata.recommender.columnIds);
 */
export function alignItems(inter: Interactions, itemIds: readonly string[]): AlignedItems {
  const index = new IdIndex(itemIds);
  const column = Int32Array.from(inter.itemIds, (id) => index.indexOf(id));
  const out = new CsrWriter(inter.users, inter.count);
  const most = longestRow(inter.rowStart);
  const cols = new Int32Array(most);
  const vals = new Float32Array(most);
  const order: number[] = [];
  let dropped = 0;
  for (let u = 0; u < inter.users; u++) {
    let n = 0;
    for (let p = inter.rowStart[u]; p < inter.rowStart[u + 1]; p++) {
      const c = column[inter.itemIndex[p]];
      if (c < 0) dropped++;
      else {
        cols[n] = c;
        vals[n++] = inter.values[p];
      }
    }
    order.length = n;
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((a, b) => cols[a] - cols[b]);
    for (const k of order) out.push(cols[k], vals[k]);
    out.endRow();
  }
  return { interactions: out.finish(inter.name, inter.userIds, [...itemIds]), dropped };
}
