/**
 * The GRU cell (Cho et al. 2014) in the reset-after form (PyTorch's and
 * Keras 2's default), gates in Keras' order z, r, h along the kernels' last
 * axis. The bias has two rows, one added to the input projection and one to
 * the recurrent product, since the reset gate multiplies the latter:
 *
 *   x' = x_t W + b_in,   u = h_{t-1} U + b_rec
 *   z = sigma(x'_z + u_z),   r = sigma(x'_r + u_r),   n = act(x'_h + r u_h)
 *   h_t = z h_{t-1} + (1 - z) n
 *
 * The trace holds h, z, r, n and u_h per step. Backward, per step, with
 * Pn = (1 - z) act'(n), Pz = (h_{t-1} - n) sigma'(z) and Pr = u_h sigma'(r)
 * computed for all steps before the loop:
 *
 *   dn = dh Pn,  dz = dh Pz,  dr = dn Pr,
 *   dx' = [dz, dr, dn],  du = [dz, dr, dn r],  dh_{t-1} = dh z + du U^T
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import { matMul2d } from './matmul.js';
import { addMaybe, derivative, mulMaybe, previousStates, stackTrace, type RecurrentCell } from './recurrent-scan.js';

/**
 * A GRU cell of `units` units.
 *
 * @example
 * const cell = gruCell(getActivation('tanh'), getActivation('sigmoid'), 32);
 */
export function gruCell(act: Activation, recAct: Activation, units: number): RecurrentCell {
  const u = units;
  return {
    gates: 3,
    recurrentBias: true,
    forward(xw, rk, recBias) {
      const kinds: Tensor[][] = [[], [], [], []]; // h, [z, r], n, u_h
      let h: Tensor | undefined;
      for (const proj of xw) {
        // h_{-1} = 0: the first recurrent product is the bias alone
        const hu = h ? tf.add(matMul2d(h as Tensor2D, rk as Tensor2D), recBias!) : tf.broadcastTo(tf.reshape(recBias!, [1, 3 * u]), [proj.shape[0], 3 * u]);
        const [xzr, xh] = tf.split(proj, [2 * u, u], 1);
        const [uzr, uh] = tf.split(hu, [2 * u, u], 1);
        const zr = recAct.forward(tf.add(xzr, uzr));
        const [z, r] = tf.split(zr, 2, 1);
        const n = act.forward(tf.add(xh, tf.mul(r, uh)));
        h = h ? tf.add(n, tf.mul(z, tf.sub(h, n))) : tf.sub(n, tf.mul(z, n));
        [h, zr, n, uh].forEach((t, j) => kinds[j].push(t));
      }
      return stackTrace(kinds);
    },
    backward(trace, dhOut, rk) {
      const steps = trace.shape[0];
      const rkT = tf.transpose(rk) as Tensor2D; // once, not per step (a backend may cache a product's right operand)
      const [h, z, r, n, uh] = tf.split(trace, 5, 2);
      const Pn = tf.unstack(mulMaybe(tf.sub(1, z), derivative(act, n)));
      const Pz = tf.unstack(mulMaybe(tf.sub(previousStates(h), n), derivative(recAct, z)));
      const Pr = tf.unstack(mulMaybe(uh, derivative(recAct, r)));
      const Z = tf.unstack(z);
      const R = tf.unstack(r);
      const dxw: Tensor[] = new Array(steps);
      const dhu: Tensor[] = new Array(steps);
      let dhNext: Tensor | undefined;
      for (let p = steps - 1; p >= 0; p--) {
        const dh = addMaybe(dhOut[p], dhNext) ?? tf.zeros([trace.shape[1] as number, u]);
        const dn = tf.mul(dh, Pn[p]);
        const dz = tf.mul(dh, Pz[p]);
        const dr = tf.mul(dn, Pr[p]);
        dxw[p] = tf.concat([dz, dr, dn], 1);
        dhu[p] = tf.concat([dz, dr, tf.mul(dn, R[p])], 1);
        dhNext = p > 0 ? tf.add(tf.mul(dh, Z[p]), matMul2d(dhu[p] as Tensor2D, rkT)) : undefined;
      }
      return { dxw, dhu };
    },
  };
}
