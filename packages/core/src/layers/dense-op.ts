/**
 * The product y = f(x W + b) of a dense layer over a batch of rows
 * ([n, in] -> [n, out]), with a fused, hand-written gradient: the
 * activation's derivative is taken from the output, so one tensor is saved,
 * and with `inputGradient: false` (data fed to a model's first layer) the
 * product for dx is skipped. Shared by `dense` and `timeDense`.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import type { ApplyContext } from './layer.js';
import { customOp } from './custom-op.js';
import { columnSums, matMul2d } from './matmul.js';
import { fusedBiasActivation, fusedBiasActivationActive, fusedBiasActivationGrad } from './bias-activation-kernels.js';

/**
 * Makes `apply(x, ctx)`: f(x W + b) for rank-2 x, differentiable in x (unless
 * `ctx.inputGradient === false`), `w` and `b`.
 *
 * @example
 * const apply = denseOp(getActivation('relu'), kernel.variable, bias.variable);
 * const y = apply(x, { training: false }); // [n, units]
 */
export function denseOp(act: Activation, w: Tensor, b: Tensor | undefined): (x: Tensor, ctx: ApplyContext) => Tensor {
  const deriv = act.derivativeFromOutput;
  /**
   * y = f(x W + b) and its gradients. With `data` true, x is data (the
   * training batch): it is not an input of the op but closed over, so no
   * (zero) gradient is made for it.
   */
  const body = (x: Tensor, kw: Tensor, kb: Tensor | undefined, save: (t: Tensor[]) => void, data: boolean) => {
    const xw = matMul2d(x as Tensor2D, kw as Tensor2D);
    // The backend's fused bias + activation (and gradient), where it has one.
    const fused = kb !== undefined && fusedBiasActivationActive(act.name);
    const y = fused ? fusedBiasActivation(xw, kb, act.name) : act.forward(kb ? tf.add(xw, kb) : xw);
    save([x, kw, y]);
    return {
      value: y,
      gradFunc: (dy: Tensor, [sx, sw, sy]: Tensor[]) => {
        const [dPre, db] = fused ? fusedBiasActivationGrad(dy, sy, act.name) : [deriv ? tf.mul(dy, deriv(sy)) : dy, undefined];
        const dp = dPre as Tensor2D;
        const grads: Tensor[] = [matMul2d(sx as Tensor2D, dp, true, false)];
        if (kb) grads.push(db ?? columnSums(dp));
        return data ? grads : [matMul2d(dp, sw as Tensor2D, false, true), ...grads];
      },
    };
  };
  const op = customOp(([x, kw, kb], save) => body(x, kw, kb, save, false));
  let batch: Tensor | undefined; // the data input of the next dataOp call
  const dataOp = customOp(([kw, kb], save) => body(batch!, kw, kb, save, true));
  const params = b ? [w, b] : [w];
  return (x, ctx) => {
    if (ctx.inputGradient !== false) return op(x, ...params);
    batch = x;
    try {
      return dataOp(...params);
    } finally {
      batch = undefined;
    }
  };
}
