/**
 * Top items for users of a ratings file, from a saved recommender, in the
 * file's own ids, leaving out what each user already has in the file.
 *
 * - A model of user rows (Mult-VAE, Mult-DAE, U-AutoRec) reads each user's
 *   row over its items, so it serves any user of the file, also one it
 *   never saw (items it does not know are left out of the row).
 * - A model of item rows (I-AutoRec) predicts user u's rating of item i from
 *   item i's row over its training users, so it serves those users only,
 *   over the items of the file; every item's row goes through the model
 *   once per chunk of users.
 *
 * Scores are predicted ratings (clipped to the training scale) for a ratings
 * model, the model's probabilities for a clicks model.
 */
import { topK, type SparseRows } from '@hourglass/core';
import { alignItems, DataError, type Interactions } from '@hourglass/data';
import type { OpenRecommender } from './recommender-model.js';
import { clipTo, forEachOutputBatch } from './recommender-scores.js';

/** One user's recommendations, in the file's ids. */
export interface UserTop {
  user: string;
  items: { item: string; score: number }[];
}

/** Most scores held at once when an item-row model scores a chunk of users (users x items floats). */
const MAX_SCORE_CELLS = 2 ** 25;

/** The rows `idx` of `m` as their own CSR matrix. */
function pickRows(m: Interactions, idx: Int32Array): SparseRows {
  const rowStart = new Int32Array(idx.length + 1);
  for (let r = 0; r < idx.length; r++) rowStart[r + 1] = rowStart[r] + m.rowLength(idx[r]);
  const columnIndex = new Int32Array(rowStart[idx.length]);
  for (let r = 0; r < idx.length; r++) columnIndex.set(m.itemIndex.subarray(m.rowStart[idx[r]], m.rowStart[idx[r] + 1]), rowStart[r]);
  return { rows: idx.length, columns: m.items, rowStart, columnIndex, values: new Float32Array(columnIndex.length) };
}

/** Emits the top `k` of each row of `scores` (rows x columns), excluding `seen`, as UserTop. */
function emitTops(scores: Float32Array, columns: number, k: number, seen: SparseRows, userIds: string[], itemIds: readonly string[], emit: (t: UserTop) => void): void {
  const tops = topK(scores, columns, k, seen);
  const kk = tops.length / seen.rows;
  for (let r = 0; r < seen.rows; r++) {
    const items: UserTop['items'] = [];
    for (let t = 0; t < kk; t++) {
      const j = tops[r * kk + t];
      if (j >= 0) items.push({ item: itemIds[j], score: scores[r * columns + j] });
    }
    emit({ user: userIds[r], items });
  }
}

/**
 * The file's row of each user id in `ids`; an id the file does not have is
 * refused, naming it (and for an item-row model, one it never trained on).
 */
export function userRows(open: OpenRecommender, ids: string[], file: string): Int32Array {
  const { all, recommender: rec } = open;
  const known = rec.rows === 'items' ? new Set(rec.columnIds) : undefined;
  return Int32Array.from(ids, (id) => {
    const u = all.userIndexOf(id);
    if (u < 0) throw new DataError(`user ${JSON.stringify(id)} is not in the file (${all.users.toLocaleString('en-US')} users); give a user id as the file writes it`, { file });
    if (known && !known.has(id))
      throw new DataError(`user ${JSON.stringify(id)} was not among the ${rec.columnIds.length.toLocaleString('en-US')} users the item-based model trained on, so it has no column for them; retrain with --rows users to serve new users`, { file });
    return u;
  });
}

/**
 * Emits the top `k` items of each user row `users` of `open.all`, in order.
 *
 * @example
 * await recommendTop(open, userRows(open, ['196'], 'u.data'), 10, 512, (t) => console.log(t));
 */
export async function recommendTop(open: OpenRecommender, users: Int32Array, k: number, batchSize: number, emit: (t: UserTop) => void): Promise<void> {
  const { model, recommender: rec, all, modelFile } = open;
  const range = rec.ratingRange;
  const clip = (out: Float32Array) => (range ? out.map((v) => clipTo(v, range)) : out);
  if (rec.rows === 'users') {
    const aligned = alignItems(all, rec.columnIds).interactions;
    await forEachOutputBatch(model, aligned, batchSize, modelFile, (start, n, out) => {
      const idx = users.subarray(start, start + n);
      emitTops(clip(out), aligned.items, k, pickRows(aligned, idx), Array.from(idx, (u) => all.userIds[u]), rec.columnIds, emit);
    }, users);
    return;
  }
  // item rows: columns are the model's training users; rows are the file's items
  const itemRows = alignItems(all.transpose(), rec.columnIds).interactions;
  const column = new Map(rec.columnIds.map((id, c) => [id, c]));
  const chunk = Math.max(1, Math.floor(MAX_SCORE_CELLS / Math.max(1, itemRows.users)));
  for (let s = 0; s < users.length; s += chunk) {
    const idx = users.subarray(s, Math.min(s + chunk, users.length));
    const cols = Array.from(idx, (u) => column.get(all.userIds[u])!);
    const scores = new Float32Array(idx.length * itemRows.users);
    await forEachOutputBatch(model, itemRows, batchSize, modelFile, (start, n, out) => {
      for (let b = 0; b < n; b++) for (let r = 0; r < idx.length; r++) scores[r * itemRows.users + start + b] = out[b * itemRows.items + cols[r]];
    });
    emitTops(clip(scores), itemRows.users, k, pickRows(all, idx), Array.from(idx, (u) => all.userIds[u]), all.itemIds, emit);
  }
}
