/**
 * A list of series, checked once: every series is a step dataset (one sample
 * per time step, sampleShape [features]) and all have the same features, so
 * that one model and one scaler serve them all. The series helpers accept a
 * single series or a list and go through here.
 */
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';

/**
 * The series as a list, after checking that each is a step dataset with the
 * same number of features (and the same column names, when both have names).
 *
 * @example
 * seriesList(readCsv('a.csv')).length; // 1
 */
export function seriesList<T extends ArrayDataset>(series: T | readonly T[]): T[] {
  const list = Array.isArray(series) ? [...(series as readonly T[])] : [series as T];
  if (list.length === 0) throw new DataError('expected at least one series, got an empty list');
  const first = list[0];
  list.forEach((s, i) => {
    if (s.sampleShape.length !== 1) {
      throw new DataError(
        `${s.name}: a series has one sample per time step, shape [features]; got samples of shape [${s.sampleShape.join(', ')}]`,
        { hint: ['read the series without ', { option: 'window' }, '; the series helpers cut windows themselves'] },
      );
    }
    if (i === 0) return;
    if (s.sampleShape[0] !== first.sampleShape[0]) {
      throw new DataError(`${s.name}: has ${s.sampleShape[0]} features per step, but ${first.name} has ${first.sampleShape[0]}`);
    }
    if (s.columns && first.columns && s.columns.join('\u0000') !== first.columns.join('\u0000')) {
      throw new DataError(`${s.name}: has the columns ${JSON.stringify(s.columns)}, but ${first.name} has ${JSON.stringify(first.columns)}`);
    }
  });
  return list;
}
