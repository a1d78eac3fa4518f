/**
 * Transposed 1-D convolution (a sequence decoder's learned upsampling),
 * kernels `[kernelSize, filters, inC]` (Keras' layout). With padding 'same'
 * the output has `steps * strides` steps; with 'valid',
 * `(steps - 1) * strides + kernelSize`. It runs as a transposed 2-D
 * convolution of a one-row image, sharing conv2dTranspose's kernels.
 */
import { tf } from '../tf.js';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { getActivation } from './activations.js';
import { transposedConvOptions } from './conv-options.js';
import { biasActivation } from './bias-activation.js';
import { defineLayer, expectRank, makeWeight } from './define.js';

const options = transposedConvOptions(1);

/**
 * `conv1dTranspose`: `[steps, channels]` -> `[steps * strides, filters]` ('same')
 * or `[(steps - 1) * strides + kernelSize, filters]` ('valid').
 *
 * @example
 * buildLayer({ type: 'conv1dTranspose', filters: 16, kernelSize: 7, strides: 2 }, [72, 16], ctx).outputShape; // [144, 16]
 */
export const conv1dTranspose = defineLayer('conv1dTranspose', options, (o, inputShape, ctx) => {
  expectRank(inputShape, 2, 'a sequence [steps, channels]');
  const [t, c] = inputShape;
  const k = o.kernelSize;
  const outSteps = o.padding === 'same' ? t * o.strides : (t - 1) * o.strides + k;
  const act = getActivation(o.activation);
  const kernel = makeWeight(ctx, 'kernel', [k, o.filters, c], o.kernelInitializer, k * c, k * o.filters);
  const bias = o.useBias ? makeWeight(ctx, 'bias', [o.filters], 'zeros', 0, 0) : undefined;
  return {
    outputShape: [outSteps, o.filters],
    weights: bias ? [kernel, bias] : [kernel],
    apply: (x) => {
      const b = x.shape[0];
      const filter = tf.reshape(kernel.variable, [1, k, o.filters, c]) as Tensor4D;
      const y = tf.conv2dTranspose(tf.reshape(x, [b, 1, t, c]) as Tensor4D, filter, [b, 1, outSteps, o.filters], [1, o.strides], o.padding);
      return tf.reshape(biasActivation(act, y, bias?.variable), [b, outSteps, o.filters]);
    },
  };
});
