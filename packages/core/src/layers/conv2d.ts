/**
 * 2-D convolution over NHWC images: y = f(conv(x, W) + b). Kernels are
 * `[kh, kw, inC, outC]`. The filter gradient needs `Conv2DBackpropFilter`,
 * which `@hourglass/backend-wasm` supplies on wasm.
 *
 * Dilation is done by spreading the kernel with zeros (`dilateKernel`) and
 * running an ordinary convolution: tfjs has no gradient for dilated conv2d,
 * and this way every stride works with every dilation, on every backend.
 */
import { tf } from '../tf.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { getActivation, pullbackActivation } from './activations.js';
import { convOptions } from './conv-options.js';
import { biasActivation } from './bias-activation.js';
import { convOutSize, defineLayer, expectRank, makeWeight } from './define.js';

export const conv2d = defineLayer('conv2d', convOptions, (o, inputShape, ctx) => {
  expectRank(inputShape, 3, 'an image [height, width, channels]');
  const [h, w, c] = inputShape;
  const k = o.kernelSize;
  const outShape = [
    convOutSize(h, k, o.strides, o.padding, o.dilation),
    convOutSize(w, k, o.strides, o.padding, o.dilation),
    o.filters,
  ];
  const act = getActivation(o.activation);
  const kernel = makeWeight(ctx, 'kernel', [k, k, c, o.filters], o.kernelInitializer, k * k * c, k * k * o.filters);
  const bias = o.useBias ? makeWeight(ctx, 'bias', [o.filters], 'zeros', 0, 0) : undefined;
  return {
    outputShape: outShape,
    weights: bias ? [kernel, bias] : [kernel],
    apply: (x) => {
      const filter = o.dilation > 1 ? dilateKernel(kernel.variable, o.dilation) : kernel.variable;
      const conv = tf.conv2d(x as Tensor4D, filter as Tensor4D, o.strides, o.padding);
      return biasActivation(act, conv, bias?.variable);
    },
    pullback: (g, _x, y) => {
      const filter = o.dilation > 1 ? dilateKernel(kernel.variable, o.dilation) : kernel.variable;
      const b = g.shape[0];
      const rows = g.shape[1] as number;
      const gp = tf.reshape(pullbackActivation(act, g, y), [b * rows, outShape[0], outShape[1], outShape[2]]) as Tensor4D;
      const back = tf.conv2dTranspose(gp, filter as Tensor4D, [b * rows, h, w, c], o.strides, o.padding);
      return tf.reshape(back, [b, rows, h, w, c]);
    },
  };
});

/** Inserts `rate - 1` zeros between kernel taps along both spatial axes (differentiable). */
export function dilateKernel(w: Tensor, rate: number): Tensor {
  const [kh, kw, c, f] = w.shape as [number, number, number, number];
  return tf.tidy(() => {
    let t = tf.pad(tf.reshape(w, [kh, 1, kw, c, f]), [[0, 0], [0, rate - 1], [0, 0], [0, 0], [0, 0]]);
    t = tf.slice(tf.reshape(t, [kh * rate, kw, c, f]), [0, 0, 0, 0], [(kh - 1) * rate + 1, kw, c, f]);
    const h = (kh - 1) * rate + 1;
    t = tf.pad(tf.reshape(t, [h, kw, 1, c, f]), [[0, 0], [0, 0], [0, rate - 1], [0, 0], [0, 0]]);
    return tf.slice(tf.reshape(t, [h, kw * rate, c, f]), [0, 0, 0, 0], [h, (kw - 1) * rate + 1, c, f]);
  });
}
