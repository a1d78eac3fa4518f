/**
 * Transposed 2-D convolution (the decoder's learned upsampling), NHWC.
 * Kernels are `[kh, kw, outC, inC]` as tfjs expects. With padding 'same' the
 * output is `input * strides`; with 'valid' it is `(input - 1) * strides + k`.
 */
import { tf } from '../tf.js';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { getActivation } from './activations.js';
import { transposedConvOptions } from './conv-options.js';
import { biasActivation } from './bias-activation.js';
import { defineLayer, expectRank, makeWeight } from './define.js';

const options = transposedConvOptions(2);

export const conv2dTranspose = defineLayer('conv2dTranspose', options, (o, inputShape, ctx) => {
  expectRank(inputShape, 3, 'an image [height, width, channels]');
  const [h, w, c] = inputShape;
  const k = o.kernelSize;
  const size = (n: number) => (o.padding === 'same' ? n * o.strides : (n - 1) * o.strides + k);
  const outShape = [size(h), size(w), o.filters];
  const act = getActivation(o.activation);
  const kernel = makeWeight(ctx, 'kernel', [k, k, o.filters, c], o.kernelInitializer, k * k * c, k * k * o.filters);
  const bias = o.useBias ? makeWeight(ctx, 'bias', [o.filters], 'zeros', 0, 0) : undefined;
  return {
    outputShape: outShape,
    weights: bias ? [kernel, bias] : [kernel],
    apply: (x) => {
      const batch = x.shape[0];
      const y = tf.conv2dTranspose(
        x as Tensor4D,
        kernel.variable as Tensor4D,
        [batch, outShape[0], outShape[1], outShape[2]],
        o.strides,
        o.padding,
      );
      return biasActivation(act, y, bias?.variable);
    },
  };
});
