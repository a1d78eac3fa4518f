/**
 * The Jacobian pull-back of 2-D max pooling, for the contractive penalty.
 * Max pooling passes each window's largest input through, so its Jacobian
 * routes each output's row entry back to the one input that won its window
 * (the first in row-major order on ties, as `argMax` picks). The winners are
 * found from the forward input (a strided view of the padded input per tap
 * of the window, then `argMax`); the rows `g` are then masked per tap and
 * scattered back by zero-insertion and shifting. Everything applied to `g`
 * is differentiable, so the penalty still trains the layers before and after.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';

/** Geometry of one max-pooling layer: input [h, w, c], output [oh, ow, c]. */
export interface PoolGeometry {
  h: number;
  w: number;
  c: number;
  oh: number;
  ow: number;
  pool: number;
  stride: number;
  padding: 'same' | 'valid';
}

/** Padding before the first row / column, as tfjs places it for 'same'. */
function padBefore(size: number, out: number, pool: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.floor(Math.max((out - 1) * stride + pool - size, 0) / 2) : 0;
}

/** Every `stride`-th row and column of `v` [b, oh * stride, ow * stride, c] (slices and reshapes only: all have gradients). */
function strided(v: Tensor, b: number, oh: number, ow: number, c: number, stride: number): Tensor {
  const blocks = tf.reshape(v, [b, oh, stride, ow, stride, c]);
  return tf.reshape(tf.slice(blocks, [0, 0, 0, 0, 0, 0], [b, oh, 1, ow, 1, c]), [b, oh, ow, c]);
}

/**
 * Pulls Jacobian rows `g` [b, rows, oh, ow, c] back through max pooling of
 * the input `x` [b, h, w, c]: returns [b, rows, h, w, c].
 *
 * @example
 * const back = maxPoolPullback({ h: 4, w: 4, c: 1, oh: 2, ow: 2, pool: 2, stride: 2, padding: 'same' }, g, x);
 */
export function maxPoolPullback(geo: PoolGeometry, g: Tensor, x: Tensor): Tensor {
  const { h, w, c, oh, ow, pool, stride, padding } = geo;
  const b = x.shape[0];
  const rows = g.shape[1] as number;
  const top = padBefore(h, oh, pool, stride, padding);
  const left = padBefore(w, ow, pool, stride, padding);
  // canvas large enough for every window and for the whole input
  const H = oh * stride + pool;
  const W = ow * stride + pool;
  const padded = tf.pad(x, [[0, 0], [top, H - h - top], [left, W - w - left], [0, 0]], -Infinity);
  const taps: Tensor[] = [];
  for (let i = 0; i < pool; i++)
    for (let j = 0; j < pool; j++)
      taps.push(strided(tf.slice(padded, [0, i, j, 0], [b, oh * stride, ow * stride, c]), b, oh, ow, c, stride));
  // [b, 1, oh, ow, c, pool * pool]: 1 at each window's winning tap
  const winners = tf.reshape(tf.oneHot(tf.argMax(tf.stack(taps, 4), 4), pool * pool, 1, 0, 'float32'), [b, 1, oh, ow, c, pool * pool]);
  const flat = [b * rows, oh, ow, c];
  let canvas: Tensor | undefined;
  for (let t = 0; t < pool * pool; t++) {
    const [i, j] = [Math.floor(t / pool), t % pool];
    const part = tf.reshape(tf.mul(g, tf.squeeze(tf.slice(winners, [0, 0, 0, 0, 0, t], [b, 1, oh, ow, c, 1]), [5])), [flat[0], oh, 1, ow, 1, c]);
    // zero-insertion: entry (a, d) lands at (a * stride, d * stride), then shifted by the tap (i, j)
    const spread = tf.reshape(tf.pad(part, [[0, 0], [0, 0], [0, stride - 1], [0, 0], [0, stride - 1], [0, 0]]), [flat[0], oh * stride, ow * stride, c]);
    const placed = tf.pad(spread, [[0, 0], [i, pool - i], [j, pool - j], [0, 0]]);
    canvas = canvas ? tf.add(canvas, placed) : placed;
  }
  const back = tf.slice(canvas!, [0, top, left, 0], [flat[0], h, w, c]);
  return tf.reshape(back, [b, rows, h, w, c]);
}
