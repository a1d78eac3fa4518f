/**
 * Running a recommender model over rows of interactions, one batch of dense
 * rows at a time, so memory stays one batch whatever the number of rows;
 * outputs holding Infinity or NaN are refused, and ratings are clipped to
 * the scale seen in training.
 */
import { tf, type Autoencoder } from '@hourglass/core';
import type { Interactions } from '@hourglass/data';
import { assertFiniteOutput } from './finite.js';

/** One batch of outputs: positions `start .. start + n - 1` of the rows visited, `out` their outputs row-major (n x columns). */
export type OutputVisitor = (start: number, n: number, out: Float32Array) => void;

/**
 * Calls `visit` with the model's outputs for the rows `select` of `rows`
 * (default: every row, in stored order), in that order.
 *
 * @example
 * await forEachOutputBatch(model, foldIn, 500, 'run/model', (start, n, out) => { ... });
 */
export async function forEachOutputBatch(model: Autoencoder, rows: Interactions, batchSize: number, modelFile: string, visit: OutputVisitor, select?: Int32Array): Promise<void> {
  const order = select ?? Int32Array.from({ length: rows.users }, (_, u) => u);
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.subarray(start, Math.min(start + batchSize, order.length));
    const { x } = rows.denseRows(idx);
    const out = tf.tidy(() => model.reconstruct(tf.tensor2d(x, [idx.length, rows.items])).dataSync() as Float32Array);
    assertFiniteOutput(out, idx.length, 'outputs', (j) => `column ${j % rows.items}`, modelFile);
    visit(start, idx.length, out);
    await new Promise<void>((done) => setImmediate(done)); // let Ctrl-C and progress through between batches
  }
}

/** Clips `v` to [lo, hi] (a rating to its scale). */
export const clipTo = (v: number, [lo, hi]: [number, number]): number => (v < lo ? lo : v > hi ? hi : v);
