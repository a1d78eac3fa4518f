/**
 * Dense layer: y = f(x W + b), with a fused, hand-written gradient.
 *
 * On wasm the backward pass transposes explicitly and then calls a plain
 * matMul: the wasm BatchMatMul takes XNNPACK's fast path only when neither
 * operand is transposed (3-4x faster, identical numbers). Elsewhere matMul's
 * transpose flags cost nothing and save the copies (`backend-hints.ts`).
 * The activation's derivative is taken from the output, so one tensor is
 * saved per layer.
 */
import { tf } from '../tf.js';
import { s } from '../schema.js';
import { ACTIVATIONS, getActivation, pullbackActivation } from './activations.js';
import { INITIALIZERS } from './initializers.js';
import { defineLayer, expectRank, makeWeight } from './define.js';
import { customOp } from './custom-op.js';
import { activeHints } from '../backend-hints.js';

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

  let wantInputGrad = true;
  const op = customOp(([x, w, b], save) => {
    const needDx = wantInputGrad; // captured now: the gradient runs later
    const xw = tf.matMul(x, w);
    const y = act.forward(b ? tf.add(xw, b) : xw);
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy, [sx, sw, sy]) => {
        const dPre = deriv ? tf.mul(dy, deriv(sy)) : dy;
        const explicit = activeHints().explicitTranspose;
        const dx = !needDx ? tf.zerosLike(sx) : explicit ? tf.matMul(dPre, tf.transpose(sw)) : tf.matMul(dPre, sw, false, true);
        const grads = [dx, explicit ? tf.matMul(tf.transpose(sx), dPre) : tf.matMul(sx, dPre, true, false)];
        if (b) grads.push(tf.sum(dPre, 0));
        return grads;
      },
    };
  });

  return {
    outputShape: [o.units],
    weights: bias ? [kernel, bias] : [kernel],
    apply: (x, ctx) => {
      wantInputGrad = ctx.inputGradient !== false;
      return bias ? op(x, kernel.variable, bias.variable) : op(x, kernel.variable);
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
