/**
 * Dense layer: y = f(x W + b), with a fused, hand-written gradient
 * (`dense-op.ts`).
 *
 * Its products go through `matMul2d`, which picks the form the active
 * backend's hints ask for (e.g. a direct rank-2 kernel call where the
 * backend's BatchMatMul takes rank 2). The activation's derivative is taken
 * from the output, so one tensor is saved per layer.
 */
import { tf } from '../tf.js';
import { s } from '../schema.js';
import { ACTIVATIONS, getActivation, pullbackActivation } from './activations.js';
import { INITIALIZERS } from './initializers.js';
import { defineLayer, expectRank, makeWeight } from './define.js';
import { denseOp } from './dense-op.js';

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
  return {
    outputShape: [o.units],
    weights: bias ? [kernel, bias] : [kernel],
    apply: denseOp(act, kernel.variable, bias?.variable),
    pullback: (g, _x, y) => {
      const b = g.shape[0];
      const k = g.shape[1] as number;
      const gp = pullbackActivation(act, g, y);
      const flat = tf.reshape(gp, [b * k, o.units]);
      return tf.reshape(tf.matMul(flat, tf.transpose(kernel.variable)), [b, k, inDim]);
    },
  };
});
