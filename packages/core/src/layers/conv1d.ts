/**
 * 1-D convolution over sequences [steps, channels]: y = f(conv(x, W) + b),
 * kernels `[kernelSize, inC, filters]` (Keras' layout). It runs as a 2-D
 * convolution of a one-row image ([batch, 1, steps, channels], kernel
 * [1, k, inC, filters]), so it shares conv2d's kernels and their gradients
 * on every backend, and dilation by spreading the kernel (`dilateKernel`).
 */
import { tf } from '../tf.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { getActivation, pullbackActivation } from './activations.js';
import { convOptions } from './conv-options.js';
import { biasActivation } from './bias-activation.js';
import { convOutSize, defineLayer, expectRank, makeWeight } from './define.js';
import { dilateKernel } from './conv2d.js';

/**
 * `conv1d`: `[steps, channels]` -> `[steps', filters]`, steps' by conv2d's rule along one axis.
 *
 * @example
 * buildLayer({ type: 'conv1d', filters: 32, kernelSize: 7, strides: 2 }, [288, 1], ctx).outputShape; // [144, 32]
 */
export const conv1d = defineLayer('conv1d', convOptions, (o, inputShape, ctx) => {
  expectRank(inputShape, 2, 'a sequence [steps, channels]');
  const [t, c] = inputShape;
  const k = o.kernelSize;
  const outSteps = convOutSize(t, k, o.strides, o.padding, o.dilation);
  const act = getActivation(o.activation);
  const kernel = makeWeight(ctx, 'kernel', [k, c, o.filters], o.kernelInitializer, k * c, k * o.filters);
  const bias = o.useBias ? makeWeight(ctx, 'bias', [o.filters], 'zeros', 0, 0) : undefined;
  const filter = (): Tensor4D => {
    const f = tf.reshape(kernel.variable, [1, k, c, o.filters]);
    return (o.dilation > 1 ? dilateKernel(f, o.dilation) : f) as Tensor4D;
  };
  return {
    outputShape: [outSteps, o.filters],
    weights: bias ? [kernel, bias] : [kernel],
    apply: (x) => {
      const b = x.shape[0];
      const conv = tf.conv2d(tf.reshape(x, [b, 1, t, c]) as Tensor4D, filter(), [1, o.strides], o.padding);
      return tf.reshape(biasActivation(act, conv, bias?.variable), [b, outSteps, o.filters]);
    },
    pullback: (g, _x, y) => {
      const b = g.shape[0];
      const rows = g.shape[1] as number;
      const gp = tf.reshape(pullbackActivation(act, g, y), [b * rows, 1, outSteps, o.filters]) as Tensor4D;
      const back: Tensor = tf.conv2dTranspose(gp, filter(), [b * rows, 1, t, c], [1, o.strides], o.padding);
      return tf.reshape(back, [b, rows, t, c]);
    },
  };
});
