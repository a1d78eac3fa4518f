/**
 * Layers without weights that only move data around: flatten, reshape,
 * max pooling, nearest-neighbour upsampling, cropping, dropout, a
 * standalone activation and L2 normalisation of each sample.
 */
import { tf } from '../tf.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { sizeOf } from '../shape.js';
import { activeHints } from '../backend-hints.js';
import { s } from '../schema.js';
import { ShapeError } from '../errors.js';
import { ACTIVATIONS, applyActivation, getActivation, pullbackActivation } from './activations.js';
import { convOutSize, defineLayer, expectRank } from './define.js';
import { maxPoolPullback } from './max-pool-pullback.js';


export const flatten = defineLayer('flatten', s.object({}), (_o, inputShape) => ({
  outputShape: [sizeOf(inputShape)],
  weights: [],
  apply: (x) => tf.reshape(x, [x.shape[0], sizeOf(inputShape)]),
  pullback: (g) => tf.reshape(g, [g.shape[0], g.shape[1] as number, ...inputShape]),
}));

export const reshape = defineLayer('reshape', s.object({ shape: s.array(s.int({ min: 1 }), { minLength: 1 }) }), (o, inputShape) => {
  if (sizeOf(o.shape) !== sizeOf(inputShape))
    throw new ShapeError(`cannot reshape [${inputShape.join(', ')}] (${sizeOf(inputShape)} values) to [${o.shape.join(', ')}] (${sizeOf(o.shape)} values)`);
  return {
    outputShape: [...o.shape],
    weights: [],
    apply: (x) => tf.reshape(x, [x.shape[0], ...o.shape]),
    pullback: (g) => tf.reshape(g, [g.shape[0], g.shape[1] as number, ...inputShape]),
  };
});

export const maxPool2d = defineLayer(
  'maxPool2d',
  s.object({
    poolSize: s.int({ min: 1, default: 2 }),
    strides: s.optional(s.int({ min: 1 })),
    padding: s.enum(['same', 'valid'] as const, { default: 'same' }),
  }),
  (o, inputShape) => {
    expectRank(inputShape, 3, 'an image [height, width, channels]');
    const stride = o.strides ?? o.poolSize;
    const [h, w, c] = inputShape;
    const outputShape = [convOutSize(h, o.poolSize, stride, o.padding), convOutSize(w, o.poolSize, stride, o.padding), c];
    return {
      outputShape,
      weights: [],
      apply: (x) => tf.maxPool(x as Tensor4D, o.poolSize, stride, o.padding),
      pullback: (g, x) => maxPoolPullback({ h, w, c, oh: outputShape[0], ow: outputShape[1], pool: o.poolSize, stride, padding: o.padding }, g, x),
    };
  },
);

/**
 * Nearest-neighbour upsampling by an integer factor. Forward: the resize
 * kernel, or reshape + tile where that is faster (`backend-hints.ts`).
 * Backward (hand-written, the same on every backend): each input pixel
 * receives the sum of its s x s block, an average pool times s^2. The
 * built-in resize gradient is wrong for batches on the cpu backend, and
 * avgPool runs on every backend's fast path.
 */
function upsampler(h: number, w: number, c: number, size: number) {
  return customOp(([x], save) => {
    save([]);
    const b = x.shape[0];
    let y: Tensor;
    if (activeHints().upsampleByTile) {
      const cols = tf.tile(tf.reshape(x, [b * h * w, 1, c]), [1, size, 1]);
      y = tf.reshape(tf.tile(tf.reshape(cols, [b * h, 1, w * size * c]), [1, size, 1]), [b, h * size, w * size, c]);
    } else y = tf.image.resizeNearestNeighbor(x as Tensor4D, [h * size, w * size]);
    return { value: y, gradFunc: (dy) => tf.mul(tf.avgPool(dy as Tensor4D, size, size, 'valid'), size * size) };
  });
}

export const upSampling2d = defineLayer('upSampling2d', s.object({ size: s.int({ min: 1, default: 2 }) }), (o, inputShape) => {
  expectRank(inputShape, 3, 'an image [height, width, channels]');
  const [h, w, c] = inputShape;
  const upsample = upsampler(h, w, c, o.size);
  return {
    outputShape: [h * o.size, w * o.size, c],
    weights: [],
    apply: (x) => upsample(x),
    pullback: (g) => {
      const [b, k] = [g.shape[0], g.shape[1] as number];
      return tf.sum(tf.reshape(g, [b, k, h, o.size, w, o.size, c]), [3, 5]);
    },
  };
});

export const crop2d = defineLayer(
  'crop2d',
  s.object({ top: s.int({ min: 0, default: 0 }), bottom: s.int({ min: 0, default: 0 }), left: s.int({ min: 0, default: 0 }), right: s.int({ min: 0, default: 0 }) }),
  (o, inputShape) => {
    expectRank(inputShape, 3, 'an image [height, width, channels]');
    const [h, w, c] = inputShape;
    const oh = h - o.top - o.bottom;
    const ow = w - o.left - o.right;
    if (oh < 1 || ow < 1) throw new ShapeError(`cropping ${o.top}+${o.bottom} rows and ${o.left}+${o.right} columns leaves nothing of ${h}x${w}`);
    return {
      outputShape: [oh, ow, c],
      weights: [],
      apply: (x) => tf.slice(x, [0, o.top, o.left, 0], [x.shape[0], oh, ow, c]),
      pullback: (g) => tf.pad(g, [[0, 0], [0, 0], [o.top, o.bottom], [o.left, o.right], [0, 0]]),
    };
  },
);

export const dropout = defineLayer('dropout', s.object({ rate: s.number({ min: 0, lt: 1 }) }), (o, inputShape) => ({
  outputShape: [...inputShape],
  weights: [],
  apply: (x, ctx) => {
    if (!ctx.training || o.rate === 0) return x;
    if (!ctx.nextSeed) throw new ShapeError('dropout needs a seed source while training');
    return tf.dropout(x, o.rate, undefined, ctx.nextSeed());
  },
  pullback: (g) => g,
}));

/**
 * Each sample divided by its L2 norm (all its entries; an all-zero sample
 * stays zero), as Mult-VAE normalises a user's clicks before its encoder.
 * The pull-back of Jacobian rows is (g - y (g . y)) / |x|.
 */
export const l2Normalize = defineLayer('l2Normalize', s.object({}), (_o, inputShape) => {
  const size = sizeOf(inputShape);
  const norms = (x: Tensor) => tf.maximum(tf.norm(tf.reshape(x, [x.shape[0], size]), 2, 1, true), 1e-12);
  return {
    outputShape: [...inputShape],
    weights: [],
    apply: (x) => tf.tidy(() => tf.reshape(tf.div(tf.reshape(x, [x.shape[0], size]), norms(x)), x.shape)),
    pullback: (g, x, y) =>
      tf.tidy(() => {
        const [n, k] = [g.shape[0], g.shape[1] as number];
        const gf = tf.reshape(g, [n, k, size]);
        const yf = tf.reshape(y, [n, 1, size]);
        const along = tf.sum(tf.mul(gf, yf), 2, true);
        const out = tf.div(tf.sub(gf, tf.mul(yf, along)), tf.reshape(norms(x), [n, 1, 1]));
        return tf.reshape(out, g.shape);
      }),
  };
});

export const activation = defineLayer('activation', s.object({ activation: s.enum(ACTIVATIONS) }), (o, inputShape) => {
  const act = getActivation(o.activation);
  return {
    outputShape: [...inputShape],
    weights: [],
    apply: (x) => applyActivation(act, x),
    pullback: (g, _x, y) => pullbackActivation(act, g, y),
  };
});
