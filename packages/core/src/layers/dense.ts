/**
 * Dense layer: y = f(x W + b), with a fused, hand-written gradient.
 *
 * Its products go through `matMul2d`, which picks the form the active
 * backend's hints ask for (e.g. a direct rank-2 kernel call where the
 * backend's BatchMatMul takes rank 2). The activation's derivative is taken
 * from the output, so one tensor is saved per layer.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { s } from '../schema.js';
import { ACTIVATIONS, getActivation, pullbackActivation } from './activations.js';
import { INITIALIZERS } from './initializers.js';
import { defineLayer, expectRank, makeWeight } from './define.js';
import { customOp } from './custom-op.js';
import { columnSums, matMul2d } from './matmul.js';

const options = s.object({
  units: s.int({ min: 1, doc: 'output width' }),
  activation: s.enum(ACTIVATIONS, { default: 'linear' }),
  useBias: s.boolean({ default: true }),
  kernelInitializer: s.enum(INITIALIZERS, { default: 'glorotUniform' }),
});

export const dense = defineLayer('dense', options, (o, inputShape, ctx) => {
  expectRank(inputShape, 1, 'a flat vector; add a flatten layer first');
  const [inDim] = inputShape;
  const act = getActivation(o.activation);
  const kernel = makeWeight(ctx, 'kernel', [inDim, o.units], o.kernelInitializer, inDim, o.units);
  const bias = o.useBias ? makeWeight(ctx, 'bias', [o.units], 'zeros', inDim, o.units) : undefined;
  const deriv = act.derivativeFromOutput;

  /**
   * y = f(x W + b) and its gradients. With `data` true, x is data (the
   * training batch): it is not an input of the op but closed over, so no
   * (zero) gradient is made for it.
   */
  const body = (x: Tensor, w: Tensor, b: Tensor | undefined, save: (t: Tensor[]) => void, data: boolean) => {
    const xw = matMul2d(x as Tensor2D, w as Tensor2D);
    const y = act.forward(b ? tf.add(xw, b) : xw);
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy: Tensor, [sx, sw, sy]: Tensor[]) => {
        const dp = (deriv ? tf.mul(dy, deriv(sy)) : dy) as Tensor2D;
        const grads: Tensor[] = [matMul2d(sx as Tensor2D, dp, true, false)];
        if (b) grads.push(columnSums(dp));
        return data ? grads : [matMul2d(dp, sw as Tensor2D, false, true), ...grads];
      },
    };
  };
  const op = customOp(([x, w, b], save) => body(x, w, b, save, false));
  let batch: Tensor | undefined; // the data input of the next dataOp call
  const dataOp = customOp(([w, b], save) => body(batch!, w, b, save, true));

  return {
    outputShape: [o.units],
    weights: bias ? [kernel, bias] : [kernel],
    apply: (x, ctx) => {
      const params = bias ? [kernel.variable, bias.variable] : [kernel.variable];
      if (ctx.inputGradient !== false) return op(x, ...params);
      batch = x;
      try {
        return dataOp(...params);
      } finally {
        batch = undefined;
      }
    },
    pullback: (g, _x, y) => {
      const b = g.shape[0];
      const k = g.shape[1] as number;
      const gp = pullbackActivation(act, g, y);
      const flat = tf.reshape(gp, [b * k, o.units]);
      return tf.reshape(tf.matMul(flat, tf.transpose(kernel.variable)), [b, k, inDim]);
    },
  };
});
