/**
 * What a fitted ranking baseline offers: scores for every item, for a batch
 * of users given by their known items. The scores feed `topK`, `recallAtK`
 * and `ndcgAtK`, which take the same known items as `exclude`.
 */
import { ShapeError } from '../../errors.js';
import { checkSparseRows, type SparseRows } from './sparse-rows.js';

/** A fitted item ranker. */
export interface ItemScorer {
  /** The number of items it scores. */
  items: number;
  /** Dense `input.rows x items` scores (row-major) for users whose known items are the rows of `input`. */
  score(input: SparseRows): Float32Array;
}

/** Checks a batch of users given to an ItemScorer's `score`. */
export function checkScorerInput(what: string, input: SparseRows, items: number): void {
  checkSparseRows(`${what} input`, input);
  if (input.columns !== items) throw new ShapeError(`${what}: input has ${input.columns} items, the model was fitted on ${items}`);
}
