/**
 * What the trainer accepts as data, and how it cuts it into batches.
 * Data may carry targets `y` beside `x` (for models with a target, e.g. the
 * next steps after each window); every batch then holds the targets of its
 * own samples, shuffled in step with `x`. Data may also carry a class index
 * per sample (`condition`) for conditional models; it follows its samples
 * the same way, and the batcher turns it into one-hot rows when told the
 * number of classes (`conditionClasses`).
 * `ArrayData` and `StreamData` match `@hourglass/data`'s `ArrayDataset` and
 * `BatchSource` structurally, so core does not depend on that package.
 *
 * For the same reason core keeps its own row gathering (`gatherRows`) and
 * Fisher-Yates (`permutation` in `rng.ts`) beside those of @hourglass/data
 * (`gatherRows`, `shuffleIndices`): core may not depend on that package and
 * that package has no tfjs, so neither can call the other. In one CLI run the
 * data package cuts every split (test and validation) with its generator and
 * the split seed; core shuffles epochs with its own generator and the
 * training seed.
 */
import { tf } from '../tf.js';
import { sizeOf } from '../shape.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ConfigError, DataValueError, ShapeError } from '../errors.js';
import { createRng, permutation } from '../rng.js';

/** n samples stored row-major in one Float32Array. */
export interface ArrayData {
  x: Float32Array;
  n: number;
  sampleShape: number[];
  /** 1 = observed, 0 = missing; same length as x. */
  mask?: Float32Array;
  /** Per-sample targets, row-major: n * prod(targetShape) values. */
  y?: Float32Array;
  /** Shape of one target, e.g. [horizon, features] (default: [y.length / n]). */
  targetShape?: number[];
  /** Class index of each sample (n values), for conditional models. */
  condition?: Int32Array;
  name?: string;
}

/** A streaming source of batches, for data larger than memory; batches may carry targets `y`. */
export interface StreamData {
  sampleShape: number[];
  /**
   * Samples in one pass, when known: the trainer then counts batches per
   * epoch, so the cosine schedule changes the rate every batch and
   * step-based schedules (KL annealing) follow the step, as with arrays.
   */
  n?: number;
  batches(batchSize: number): AsyncIterable<{ x: Float32Array; n: number; mask?: Float32Array; y?: Float32Array; condition?: Int32Array }>;
  /** Shape of one target (default: [y.length / n] of each batch). */
  targetShape?: number[];
  name?: string;
}

export type TrainData = ArrayData | StreamData;

/**
 * One batch on the device: `x` (and `mask`) of shape [n, ...sampleShape], `y` of shape [n, ...targetShape],
 * `condition` float32 one-hot rows [n, classes] (when the data has classes and the batcher was told how many).
 */
export interface TensorBatch {
  x: Tensor;
  mask?: Tensor;
  y?: Tensor;
  condition?: Tensor;
  n: number;
}

/** Options of `iterateBatches`. */
export interface BatchOptions {
  /** Number of classes of a conditional model: batches then carry `condition` as one-hot rows. 0 or absent: the data's classes are not used. */
  conditionClasses?: number;
}

export const isArrayData = (d: TrainData): d is ArrayData => (d as ArrayData).x instanceof Float32Array;


/**
 * Throws unless `data` fits `inputShape` and holds only finite numbers; with
 * a `targetShape` (the model's target), the same for its targets `y`, which
 * it must then have.
 */
export function checkArrayData(data: ArrayData, inputShape: number[], what: string, targetShape?: number[]): void {
  const per = sizeOf(inputShape);
  const sameShape = data.sampleShape.length === inputShape.length && data.sampleShape.every((d, i) => d === inputShape[i]);
  if (!sameShape) throw new ShapeError(`${what}: samples have shape [${data.sampleShape.join(', ')}], the model expects [${inputShape.join(', ')}]`);
  if (data.x.length !== data.n * per) throw new ShapeError(`${what}: x holds ${data.x.length} values, expected n * ${per} = ${data.n * per}`);
  if (data.mask && data.mask.length !== data.x.length) throw new ShapeError(`${what}: mask holds ${data.mask.length} values, expected ${data.x.length}`);
  const x = data.x;
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i])) throw new DataValueError(`${what}: sample ${Math.floor(i / per)}, entry ${i % per} is ${x[i]}; data must be finite`);
  if (data.y && data.targetShape && data.y.length !== data.n * sizeOf(data.targetShape))
    throw new ShapeError(`${what}: y holds ${data.y.length} values, expected n * ${sizeOf(data.targetShape)} = ${data.n * sizeOf(data.targetShape)} for targets of shape [${data.targetShape.join(', ')}]`);
  if (targetShape) checkTargets(data, targetShape, what);
}

/** Throws unless `data` has finite targets `y` of `targetShape`. */
function checkTargets(data: ArrayData, targetShape: number[], what: string): void {
  const shape = `[${targetShape.join(', ')}]`;
  const name = data.name ? ` "${data.name}"` : '';
  if (!data.y)
    throw new ConfigError(`${what}${name} has no targets y, but the model predicts a target of shape ${shape}; give data with y (e.g. windows with a horizon), or build the model without a target`, {
      field: 'y',
    });
  const per = sizeOf(targetShape);
  if (data.targetShape && !sameShape(data.targetShape, targetShape))
    throw new ShapeError(`${what}: targets have shape [${data.targetShape.join(', ')}], the model predicts ${shape}`);
  if (data.y.length !== data.n * per) throw new ShapeError(`${what}: y holds ${data.y.length} values, expected n * ${per} = ${data.n * per} for targets of shape ${shape}`);
  const y = data.y;
  for (let i = 0; i < y.length; i++)
    if (!Number.isFinite(y[i])) throw new DataValueError(`${what}: target of sample ${Math.floor(i / per)}, entry ${i % per} is ${y[i]}; targets must be finite`);
}

/**
 * Throws unless `data` has a class index in 0 .. classes - 1 for each
 * sample: a conditional model cannot learn from data without them.
 *
 * @example
 * checkConditions({ x, n: 2, sampleShape: [3], condition: Int32Array.of(0, 9) }, 10, 'training data');
 */
export function checkConditions(data: { n: number; condition?: Int32Array; name?: string }, classes: number, what: string): void {
  const name = data.name ? ` "${data.name}"` : '';
  if (!data.condition)
    throw new ConfigError(`${what}${name} has no condition (a class index per sample), but the model is conditioned on ${classes} classes; give data with labels, or build the model without a condition`, {
      field: 'condition',
    });
  if (data.condition.length !== data.n)
    throw new ShapeError(`${what}${name}: condition holds ${data.condition.length} class indices for ${data.n} samples`);
  const c = data.condition;
  for (let i = 0; i < c.length; i++)
    if (!(c[i] >= 0 && c[i] < classes))
      throw new DataValueError(`${what}${name}: sample ${i} has class ${c[i]}, expected 0 .. ${classes - 1} (the model is conditioned on ${classes} classes)`);
}

/** Float32 one-hot rows [n, classes] of class indices. */
function oneHotRows(classes: Int32Array, count: number, width: number): Tensor {
  const rows = new Float32Array(count * width);
  for (let r = 0; r < count; r++) rows[r * width + classes[r]] = 1;
  return tf.tensor(rows, [count, width], 'float32');
}

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** The shape of one target of data carrying `y` values for `n` samples. */
function targetShapeOf(declared: number[] | undefined, y: Float32Array, n: number, where: string): number[] {
  if (declared) {
    if (y.length !== n * sizeOf(declared))
      throw new ShapeError(`${where}: y holds ${y.length} values for ${n} samples with targets of shape [${declared.join(', ')}]`);
    return declared;
  }
  if (n === 0 || y.length % n !== 0) throw new ShapeError(`${where}: y holds ${y.length} values, not a whole number per sample for ${n} samples`);
  return [y.length / n];
}

function gatherClasses(src: Int32Array, idx: Int32Array, start: number, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let r = 0; r < count; r++) out[r] = src[idx[start + r]];
  return out;
}

function gatherRows(src: Float32Array, idx: Int32Array, start: number, count: number, per: number): Float32Array {
  const out = new Float32Array(count * per);
  for (let r = 0; r < count; r++) {
    const from = idx[start + r] * per;
    out.set(src.subarray(from, from + per), r * per);
  }
  return out;
}

/**
 * Yields device batches of `data`; for arrays, in an order shuffled by `seed`
 * (or in order when `seed` is undefined). With `options.conditionClasses`,
 * batches of data with classes carry them as one-hot rows (`condition`).
 *
 * @example
 * for await (const b of iterateBatches(data, 256, 1)) b.x.dispose(); // b.x: [<= 256, ...sampleShape]
 */
export async function* iterateBatches(data: TrainData, batchSize: number, seed?: number, options: BatchOptions = {}): AsyncGenerator<TensorBatch> {
  const shape = data.sampleShape;
  const per = sizeOf(shape);
  const classes = options.conditionClasses ?? 0;
  if (isArrayData(data)) {
    const idx = seed === undefined ? Int32Array.from({ length: data.n }, (_, i) => i) : permutation(data.n, createRng(seed));
    const yShape = data.y && data.n > 0 ? targetShapeOf(data.targetShape, data.y, data.n, data.name ?? 'data') : undefined;
    const yPer = yShape ? sizeOf(yShape) : 0;
    for (let start = 0; start < data.n; start += batchSize) {
      const n = Math.min(batchSize, data.n - start);
      const x = tf.tensor(gatherRows(data.x, idx, start, n, per), [n, ...shape], 'float32');
      const mask = data.mask ? tf.tensor(gatherRows(data.mask, idx, start, n, per), [n, ...shape], 'float32') : undefined;
      const y = yShape ? tf.tensor(gatherRows(data.y!, idx, start, n, yPer), [n, ...yShape], 'float32') : undefined;
      const batch: TensorBatch = y ? { x, mask, y, n } : { x, mask, n };
      if (classes > 0 && data.condition) batch.condition = oneHotRows(gatherClasses(data.condition, idx, start, n), n, classes);
      yield batch;
    }
    return;
  }
  let row = 0;
  for await (const b of data.batches(batchSize)) {
    if (b.x.length !== b.n * per) throw new ShapeError(`stream batch at row ${row}: ${b.x.length} values for ${b.n} samples of shape [${shape.join(', ')}]`);
    for (let i = 0; i < b.x.length; i++)
      if (!Number.isFinite(b.x[i])) throw new DataValueError(`stream: sample ${row + Math.floor(i / per)}, entry ${i % per} is ${b.x[i]}; data must be finite`);
    const yShape = b.y ? targetShapeOf(data.targetShape, b.y, b.n, `stream batch at row ${row}`) : undefined;
    if (b.y) {
      const yPer = sizeOf(yShape!);
      for (let i = 0; i < b.y.length; i++)
        if (!Number.isFinite(b.y[i])) throw new DataValueError(`stream: target of sample ${row + Math.floor(i / yPer)}, entry ${i % yPer} is ${b.y[i]}; targets must be finite`);
    }
    if (classes > 0 && b.condition) checkConditions({ n: b.n, condition: b.condition }, classes, `stream batch at row ${row}`);
    row += b.n;
    const x = tf.tensor(b.x, [b.n, ...shape], 'float32');
    const mask = b.mask ? tf.tensor(b.mask, [b.n, ...shape], 'float32') : undefined;
    const y = b.y ? tf.tensor(b.y, [b.n, ...yShape!], 'float32') : undefined;
    const batch: TensorBatch = y ? { x, mask, y, n: b.n } : { x, mask, n: b.n };
    if (classes > 0 && b.condition) batch.condition = oneHotRows(b.condition, b.n, classes);
    yield batch;
  }
  if (data.n !== undefined && row !== data.n)
    throw new ShapeError(`stream${data.name ? ` ${data.name}` : ''}: declares ${data.n} samples a pass but yielded ${row}`);
}

/** Splits array data into train and validation parts by a seeded shuffle (targets `y` and classes `condition` go with their samples). */
export function splitValidation(data: ArrayData, fraction: number, seed: number): { train: ArrayData; validation: ArrayData } {
  const nVal = Math.max(1, Math.round(data.n * fraction));
  if (nVal >= data.n) throw new ShapeError(`validationSplit ${fraction} leaves no training samples out of ${data.n}`);
  const per = sizeOf(data.sampleShape);
  const idx = permutation(data.n, createRng(seed ^ 0x5eed));
  const yShape = data.y ? targetShapeOf(data.targetShape, data.y, data.n, data.name ?? 'data') : undefined;
  const take = (start: number, count: number): ArrayData => {
    const part: ArrayData = {
      x: gatherRows(data.x, idx, start, count, per),
      mask: data.mask ? gatherRows(data.mask, idx, start, count, per) : undefined,
      n: count,
      sampleShape: data.sampleShape,
      name: data.name,
    };
    if (yShape) {
      part.y = gatherRows(data.y!, idx, start, count, sizeOf(yShape));
      part.targetShape = [...yShape];
    }
    if (data.condition) part.condition = gatherClasses(data.condition, idx, start, count);
    return part;
  };
  return { validation: take(0, nVal), train: take(nVal, data.n - nVal) };
}
