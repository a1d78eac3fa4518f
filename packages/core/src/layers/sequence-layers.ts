/**
 * What a sequence decoder needs besides recurrent and convolutional layers:
 * `repeatVector` (a code repeated over the steps), `timeDense` (one dense
 * layer applied at every step) and `crop1d` (steps cut from both ends).
 */
import { tf } from '../tf.js';
import { s } from '../schema.js';
import { ShapeError } from '../errors.js';
import { ACTIVATIONS, getActivation, pullbackActivation } from './activations.js';
import { INITIALIZERS } from './initializers.js';
import { customOp } from './custom-op.js';
import { defineLayer, expectRank, makeWeight } from './define.js';
import { denseOp } from './dense-op.js';

/**
 * `repeatVector`: `[features]` -> `[n, features]`. Its gradient is the sum
 * over the copies.
 *
 * @example
 * buildLayer({ type: 'repeatVector', n: 48 }, [64], ctx).outputShape; // [48, 64]
 */
export const repeatVector = defineLayer('repeatVector', s.object({ n: s.int({ min: 1, doc: 'number of steps' }) }), (o, inputShape) => {
  expectRank(inputShape, 1, 'a flat vector [features]');
  const repeat = customOp(([x], save) => {
    save([]);
    return { value: tf.tile(tf.expandDims(x, 1), [1, o.n, 1]), gradFunc: (dy) => tf.sum(dy, 1) };
  });
  return {
    outputShape: [o.n, inputShape[0]],
    weights: [],
    apply: (x) => repeat(x),
    pullback: (g) => tf.sum(g, 2),
  };
});

/**
 * `timeDense`: `[steps, features]` -> `[steps, units]`, the same dense
 * layer y = f(x W + b) at every step (Keras' TimeDistributed(Dense)).
 *
 * @example
 * buildLayer({ type: 'timeDense', units: 1 }, [48, 64], ctx).outputShape; // [48, 1]
 */
export const timeDense = defineLayer(
  'timeDense',
  s.object({
    units: s.int({ min: 1, doc: 'output width per step' }),
    activation: s.enum(ACTIVATIONS, { default: 'linear' }),
    useBias: s.boolean({ default: true }),
    kernelInitializer: s.enum(INITIALIZERS, { default: 'glorotUniform' }),
  }),
  (o, inputShape, ctx) => {
    expectRank(inputShape, 2, 'a sequence [steps, features]');
    const [steps, features] = inputShape;
    const act = getActivation(o.activation);
    const kernel = makeWeight(ctx, 'kernel', [features, o.units], o.kernelInitializer, features, o.units);
    const bias = o.useBias ? makeWeight(ctx, 'bias', [o.units], 'zeros', 0, 0) : undefined;
    const apply = denseOp(act, kernel.variable, bias?.variable);
    return {
      outputShape: [steps, o.units],
      weights: bias ? [kernel, bias] : [kernel],
      apply: (x, ctx) => {
        const b = x.shape[0];
        return tf.reshape(apply(tf.reshape(x, [b * steps, features]), ctx), [b, steps, o.units]);
      },
      pullback: (g, _x, y) => {
        const [b, k] = [g.shape[0], g.shape[1] as number];
        const gp = tf.reshape(pullbackActivation(act, g, y), [b * k * steps, o.units]);
        return tf.reshape(tf.matMul(gp, kernel.variable, false, true), [b, k, steps, features]);
      },
    };
  },
);

/**
 * `crop1d`: `[steps, channels]` -> `[steps - start - end, channels]`.
 *
 * @example
 * buildLayer({ type: 'crop1d', end: 4 }, [292, 1], ctx).outputShape; // [288, 1]
 */
export const crop1d = defineLayer(
  'crop1d',
  s.object({ start: s.int({ min: 0, default: 0 }), end: s.int({ min: 0, default: 0 }) }),
  (o, inputShape) => {
    expectRank(inputShape, 2, 'a sequence [steps, channels]');
    const [t, c] = inputShape;
    const kept = t - o.start - o.end;
    if (kept < 1) throw new ShapeError(`cropping ${o.start}+${o.end} steps leaves nothing of ${t}`);
    return {
      outputShape: [kept, c],
      weights: [],
      apply: (x) => tf.slice(x, [0, o.start, 0], [x.shape[0], kept, c]),
      pullback: (g) => tf.pad(g, [[0, 0], [0, 0], [o.start, o.end], [0, 0]]),
    };
  },
);
