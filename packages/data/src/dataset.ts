/**
 * Small helpers on ArrayDataset: the size of one sample, a checked
 * constructor, and row selection (the building block of splits and of
 * shuffled batches).
 *
 * @hourglass/core gathers rows with its own few lines (`train/data.ts`):
 * core may not depend on this package, and this one has no tfjs, so neither
 * can call the other; the two copy rows the same way.
 */
import { DataError } from './errors.js';
import type { ArrayDataset } from './types.js';

/**
 * The number of floats in one sample: the product of its shape.
 *
 * @example
 * sampleSize([28, 28, 1]); // 784
 */
export function sampleSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/**
 * Builds an ArrayDataset from its parts and checks that the lengths agree
 * (x, mask, labels, y against n, sampleShape and targetShape). `n` defaults to x.length / prod(sampleShape).
 *
 * @example
 * const ds = createDataset({ name: 'xor', x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), sampleShape: [2] });
 * ds.n; // 4
 */
export function createDataset(init: Omit<ArrayDataset, 'n'> & { n?: number }): ArrayDataset {
  const { sampleShape } = init;
  if (!Array.isArray(sampleShape) || sampleShape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new DataError(`${init.name}: sampleShape must be a list of non-negative integers, got ${JSON.stringify(sampleShape)}`);
  }
  const size = sampleSize(sampleShape);
  const n = init.n ?? (size === 0 ? 0 : init.x.length / size);
  if (!Number.isInteger(n) || n * size !== init.x.length) {
    throw new DataError(
      `${init.name}: x has ${init.x.length} values, expected n * ${size} for sampleShape [${sampleShape.join(', ')}]`,
    );
  }
  if (init.mask && init.mask.length !== init.x.length) {
    throw new DataError(`${init.name}: mask has ${init.mask.length} values, expected ${init.x.length} (the length of x)`);
  }
  if (init.labels && init.labels.length !== n) {
    throw new DataError(`${init.name}: labels has ${init.labels.length} entries, expected one per sample (${n})`);
  }
  if (init.y && init.targetShape && init.y.length !== n * sampleSize(init.targetShape)) {
    throw new DataError(
      `${init.name}: y has ${init.y.length} values, expected n * ${sampleSize(init.targetShape)} for targetShape [${init.targetShape.join(', ')}]`,
    );
  }
  return { ...init, n } as ArrayDataset;
}

/**
 * The given rows of a row-major array whose rows hold `width` values, in the
 * given order (a copy). Indices are not checked.
 *
 * @example
 * gatherRows(new Float32Array([0, 0, 1, 1, 2, 2]), [2, 0], 2); // Float32Array [2, 2, 0, 0]
 */
export function gatherRows(src: Float32Array, indices: ArrayLike<number>, width: number): Float32Array {
  const m = indices.length;
  const out = new Float32Array(m * width);
  for (let k = 0; k < m; k++) out.set(src.subarray(indices[k] * width, (indices[k] + 1) * width), k * width);
  return out;
}

/** Per-row fields beyond the core ones that selectRows also re-slices. */
interface RowFields {
  userIds?: string[];
  starts?: Int32Array;
  series?: Int32Array;
}

/** Values per target of a dataset with targets `y` (its targetShape's size, or y.length / n). */
function targetWidth(ds: ArrayDataset): number {
  if (ds.targetShape) return sampleSize(ds.targetShape);
  if (ds.n === 0 || ds.y!.length % ds.n !== 0) throw new DataError(`${ds.name}: y holds ${ds.y!.length} values, not a whole number per sample for ${ds.n} samples`);
  return ds.y!.length / ds.n;
}

/**
 * A new dataset holding the given rows, in the given order (copies). Besides x,
 * mask, labels and targets `y` it also re-slices the per-row fields of the extended datasets
 * in this package: `starts` (windows), `series` (windows of several series) and `userIds` (ratings).
 * Everything else (labelNames, columns, itemIds...) is carried over unchanged.
 *
 * @example
 * const firstTwo = selectRows(ds, [0, 1], 'first two');
 */
export function selectRows<T extends ArrayDataset>(ds: T, indices: ArrayLike<number>, name = ds.name): T {
  const size = sampleSize(ds.sampleShape);
  const m = indices.length;
  for (let k = 0; k < m; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= ds.n) {
      throw new DataError(`${ds.name}: row index ${i} is out of range 0..${ds.n - 1}`);
    }
  }
  const take = (src: Float32Array, width: number) => gatherRows(src, indices, width);
  const out = { ...ds, name, n: m, x: take(ds.x, size) } as T & RowFields;
  if (ds.mask) out.mask = take(ds.mask, size);
  if (ds.labels) out.labels = Int32Array.from({ length: m }, (_, k) => ds.labels![indices[k]]);
  if (ds.y) out.y = take(ds.y, targetWidth(ds));
  const extra = ds as T & RowFields;
  if (extra.starts) out.starts = Int32Array.from({ length: m }, (_, k) => extra.starts![indices[k]]);
  if (extra.series) out.series = Int32Array.from({ length: m }, (_, k) => extra.series![indices[k]]);
  if (extra.userIds) out.userIds = Array.from({ length: m }, (_, k) => extra.userIds![indices[k]]);
  return out;
}
