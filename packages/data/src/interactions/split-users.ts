/**
 * Strong generalisation (Liang et al. 2018, "Variational Autoencoders for
 * Collaborative Filtering"): the model trains on some users and is
 * evaluated on others it never saw. Each held-out user's interactions are
 * split into a fold-in part, given to the model as input, and a target part
 * to predict; as in the paper's code, a held-out user with at least 5
 * interactions gets `floor((1 - foldIn) * n)` of them drawn as targets, one
 * with fewer keeps them all for fold-in (an empty target row).
 *
 * Items are those of the training users: interactions of held-out users with
 * items no training user has are dropped (the paper's preprocessing), and a
 * held-out user left with none is dropped too. All three parts share the
 * training item index space (same `itemIds`); `foldIn` and `target` share
 * their rows (same `userIds`). For a validation set as well, split the
 * training part again.
 */
import { DataError } from '../errors.js';
import { mulberry32, shuffleIndices } from '../rng.js';
import { CsrWriter } from './csr-writer.js';
import type { Interactions } from './interactions.js';
import { longestRow, pickPositions } from './pick.js';

/** Held-out users with fewer interactions than this keep them all for fold-in. */
const MIN_FOR_TARGET = 5;

/** Options of splitUsers. */
export interface UserSplitOptions {
  /** Held-out users: a count (an integer >= 1) or a fraction of the users (in (0, 1)). */
  heldOut: number;
  /** Fraction of each held-out user's interactions given as fold-in input (default 0.8). */
  foldIn?: number;
  /** Seed of the draws: the same seed gives the same split. */
  seed: number;
}

/** Training users, and held-out users' fold-in and target interactions, over the training items. */
export interface UserSplit {
  train: Interactions;
  foldIn: Interactions;
  target: Interactions;
}

/**
 * Splits users into training and held-out users, and the held-out users'
 * interactions into fold-in and target parts.
 *
 * @example
 * const { train, foldIn, target } = splitUsers(inter, { heldOut: 10000, foldIn: 0.8, seed: 98765 });
 */
export function splitUsers(inter: Interactions, options: UserSplitOptions): UserSplit {
  const { heldOut } = options;
  const foldIn = options.foldIn ?? 0.8;
  if (!(foldIn > 0 && foldIn <= 1)) throw new DataError(`foldIn must be a fraction in (0, 1], got ${foldIn}`);
  const count = heldOut > 0 && heldOut < 1 ? Math.round(heldOut * inter.users) : heldOut;
  if (!(Number.isInteger(count) && count >= 1 && count < inter.users)) {
    throw new DataError(`heldOut must be a count from 1 to ${inter.users - 1} or a fraction in (0, 1) leaving both parts users, got ${heldOut} (${inter.users} users)`);
  }
  const held = new Uint8Array(inter.users);
  const order = shuffleIndices(inter.users, options.seed);
  for (let k = 0; k < count; k++) held[order[k]] = 1;

  // the training items, renumbered in their original order
  const newItem = new Int32Array(inter.items).fill(-1);
  for (let u = 0; u < inter.users; u++) {
    if (!held[u]) for (let p = inter.rowStart[u]; p < inter.rowStart[u + 1]; p++) newItem[inter.itemIndex[p]] = 0;
  }
  const itemIds: string[] = [];
  for (let j = 0; j < inter.items; j++) if (newItem[j] === 0) newItem[j] = itemIds.push(inter.itemIds[j]) - 1;

  const trainWriter = new CsrWriter(inter.users - count, inter.count);
  const foldWriter = new CsrWriter(count, inter.count);
  const targetWriter = new CsrWriter(count, inter.count);
  const trainIds: string[] = [];
  const heldIds: string[] = [];
  const rng = mulberry32((options.seed ^ 0x5bd1e995) | 0);
  const most = longestRow(inter.rowStart);
  const kept = new Int32Array(most);
  const scratch = new Int32Array(most);
  const marks = new Uint8Array(most);
  for (let u = 0; u < inter.users; u++) {
    const start = inter.rowStart[u];
    const end = inter.rowStart[u + 1];
    if (!held[u]) {
      for (let p = start; p < end; p++) trainWriter.push(newItem[inter.itemIndex[p]], inter.values[p]);
      trainWriter.endRow();
      trainIds.push(inter.userIds[u]);
      continue;
    }
    let n = 0;
    for (let p = start; p < end; p++) if (newItem[inter.itemIndex[p]] >= 0) kept[n++] = p;
    if (n === 0) continue;
    // 1e-9 absorbs float error: (1 - 0.8) * 5 is 0.9999999999999998
    const k = n >= MIN_FOR_TARGET ? Math.floor((1 - foldIn) * n + 1e-9) : 0;
    pickPositions(n, k, rng, scratch, marks);
    for (let q = 0; q < n; q++) (marks[q] ? targetWriter : foldWriter).push(newItem[inter.itemIndex[kept[q]]], inter.values[kept[q]]);
    foldWriter.endRow();
    targetWriter.endRow();
    heldIds.push(inter.userIds[u]);
  }
  return {
    train: trainWriter.finish(`${inter.name} (train users)`, trainIds, itemIds),
    foldIn: foldWriter.finish(`${inter.name} (fold-in)`, heldIds, itemIds),
    target: targetWriter.finish(`${inter.name} (target)`, heldIds, itemIds),
  };
}
