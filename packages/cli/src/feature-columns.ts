/**
 * Matching data to the feature columns a model was trained on. `train`
 * saves the feature names with the model; `encode` and `detect` pick those
 * columns from the data by name, in the model's order, so a file with its
 * columns in another order (or with extra columns) is read right, and a file
 * that lacks one of them is refused. Data without names (a headerless CSV,
 * NPY, images) is taken by position, as before.
 */
import { DataError, type ArrayDataset } from '@hourglass/data';
import { someOf } from './listing.js';

const list = (names: string[]) => someOf(names.map((n) => JSON.stringify(n)), 20);

/**
 * The data with its feature columns (the last axis of each sample) in the
 * order of `modelColumns`; `file` names the data in errors.
 *
 * @example
 * const aligned = alignColumns(readData('new.csv'), ['a', 'b', 'c'], 'new.csv'); // columns b,c,a read as a,b,c
 */
export function alignColumns(ds: ArrayDataset, modelColumns: string[] | undefined, file: string): ArrayDataset {
  const have = ds.columns;
  if (!modelColumns || !have || ds.sampleShape[ds.sampleShape.length - 1] !== have.length) return ds;
  if (have.length === modelColumns.length && have.every((c, j) => c === modelColumns[j])) return ds;
  const missing = modelColumns.filter((c) => !have.includes(c));
  if (missing.length) {
    throw new DataError(
      `the model was trained on the columns ${list(modelColumns)}, but the data has ${list(have)}: ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing. ` +
        'Give data with every column the model was trained on (in any order; --columns picks them by name)',
      { file },
    );
  }
  return pickColumns(ds, modelColumns.map((c) => have.indexOf(c)), modelColumns);
}

/** A copy of `ds` keeping, along the last axis, the entries at `indices` (named `names`). */
function pickColumns(ds: ArrayDataset, indices: number[], names: string[]): ArrayDataset {
  const width = ds.columns!.length;
  const rows = ds.x.length / width; // samples times time steps
  const pick = (from: Float32Array) => {
    const out = new Float32Array(rows * indices.length);
    for (let r = 0; r < rows; r++) for (let k = 0; k < indices.length; k++) out[r * indices.length + k] = from[r * width + indices[k]];
    return out;
  };
  const out: ArrayDataset = { ...ds, x: pick(ds.x), sampleShape: [...ds.sampleShape.slice(0, -1), indices.length], columns: names };
  if (ds.mask) out.mask = pick(ds.mask);
  return out;
}
