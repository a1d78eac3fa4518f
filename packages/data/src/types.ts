/**
 * The two shapes data takes in Hourglass: a whole dataset in memory
 * (`ArrayDataset`) and a stream of batches (`BatchSource`). Both are plain
 * typed arrays with shapes, so this package needs no tfjs; the trainer in
 * @hourglass/core consumes them structurally.
 */

/**
 * n samples stored row-major in one Float32Array; each sample has shape sampleShape (e.g. [784], [28,28,1], [t,f]).
 *
 * @example
 * const ds: ArrayDataset = { name: 'toy', x: new Float32Array([0, 1, 1, 0]), n: 2, sampleShape: [2] };
 */
export interface ArrayDataset {
  name: string;
  /** length n * prod(sampleShape) */
  x: Float32Array;
  n: number;
  sampleShape: number[];
  /** class index per sample, when known */
  labels?: Int32Array;
  labelNames?: string[];
  /** same length as x: 1 = observed, 0 = missing (ratings, inpainting) */
  mask?: Float32Array;
  /** feature names for tabular data */
  columns?: string[];
  /** per-sample targets (e.g. the steps after each window), row-major: n * prod(targetShape) values */
  y?: Float32Array;
  /** shape of one target, e.g. [horizon, features] */
  targetShape?: number[];
}

/**
 * One batch of a stream: `n` samples in `x` (row-major), with an optional
 * mask and optional targets `y`.
 *
 * @example
 * const batch: Batch = { x: new Float32Array(784 * 2), n: 2 };
 */
export interface Batch {
  x: Float32Array;
  n: number;
  mask?: Float32Array;
  y?: Float32Array;
  /** The file index of the batch's first row, when a source reads out of file order (its rows follow on from there). */
  first?: number;
  /** Each row's label as the file writes it, from a source asked for labels (a CSV file's label column). */
  labels?: string[];
}

/**
 * A streaming source: an async iterable of batches, for data larger than memory.
 * Each call to `batches()` starts a new pass (an epoch) from the beginning.
 *
 * @example
 * for await (const { x, n } of source.batches(256)) console.log(n, x.length / n);
 */
export interface BatchSource {
  sampleShape: number[];
  /** Shape of one target, when batches carry targets `y`. */
  targetShape?: number[];
  name: string;
  batches(batchSize: number): AsyncIterable<Batch>;
}
