import { DataError } from '../errors.js';

/** Checks a batch size: an integer >= 1. */
export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DataError(`batch size must be an integer >= 1, got ${batchSize}`);
}
