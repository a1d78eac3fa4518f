/** The popularity ranking baseline: every user gets the items ranked by how many training users have them. */
import { ConfigError } from '../../errors.js';
import { checkScorerInput, type ItemScorer } from './item-scorer.js';
import { checkSparseRows, type SparseRows } from './sparse-rows.js';

/** A fitted popularity ranker. */
export interface Popularity extends ItemScorer {
  /** Training interactions of each item: the number of users with an entry for it. */
  counts: Float64Array;
}

/**
 * Counts each item's training interactions (users x items, CSR; every
 * stored entry counts once, whatever its value, a repeated item within a user
 * once) and scores every user with those counts.
 *
 * @example
 * const pop = fitPopularity(train);
 * recallAtK(pop.score(foldIn), heldOut, 20, foldIn).mean;
 */
export function fitPopularity(train: SparseRows): Popularity {
  checkSparseRows('fitPopularity train', train);
  const items = train.columns;
  if (items < 1) throw new ConfigError('fitPopularity: the training matrix has no items');
  const counts = new Float64Array(items);
  const seen = new Int32Array(items).fill(-1);
  for (let u = 0; u < train.rows; u++)
    for (let e = train.rowStart[u]; e < train.rowStart[u + 1]; e++) {
      const i = train.columnIndex[e];
      if (seen[i] !== u) counts[i]++;
      seen[i] = u;
    }
  const row = Float32Array.from(counts);
  const score = (input: SparseRows) => {
    checkScorerInput('popularity.score', input, items);
    const out = new Float32Array(input.rows * items);
    for (let u = 0; u < input.rows; u++) out.set(row, u * items);
    return out;
  };
  return { items, counts, score };
}
