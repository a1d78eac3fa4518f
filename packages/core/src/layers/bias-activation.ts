/**
 * y = f(x + b), the bias added along the last axis, with a hand-written
 * gradient: f' is taken from the output (only y is saved), and the bias
 * gradient is the sum of dy f'(y) over every other axis (`sumToLastAxis`,
 * a ones-vector product on wasm). Autodiff of `tf.add` would reduce over
 * the broadcast axes with the Sum kernel, which on wasm transposes the
 * whole activation first. Where the backend has fused kernels for this
 * (`bias-activation-kernels.ts`), each direction is one of them.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { applyActivation, type Activation } from './activations.js';
import { customOp } from './custom-op.js';
import { sumToLastAxis } from './matmul.js';
import { fusedBiasActivation, fusedBiasActivationActive, fusedBiasActivationGrad } from './bias-activation-kernels.js';

/**
 * `act(x + b)`; without a bias, `act(x)`.
 *
 * @example
 * const y = biasActivation(getActivation('relu'), conv, bias.variable);
 */
export function biasActivation(act: Activation, x: Tensor, b?: Tensor): Tensor {
  if (!b) return applyActivation(act, x);
  if (fusedBiasActivationActive(act.name)) {
    const fused = customOp(([input, bias], save) => {
      const y = fusedBiasActivation(input, bias, act.name);
      save([y]);
      return { value: y, gradFunc: (dy, [sy]) => fusedBiasActivationGrad(dy, sy, act.name) };
    });
    return fused(x, b);
  }
  const deriv = act.derivativeFromOutput;
  const op = customOp(([input, bias], save) => {
    const y = act.forward(tf.add(input, bias));
    save([y]);
    return {
      value: y,
      gradFunc: (dy, [sy]) => {
        const dPre = deriv ? tf.mul(dy, deriv(sy)) : dy;
        return [dPre, sumToLastAxis(dPre)];
      },
    };
  });
  return op(x, b);
}
