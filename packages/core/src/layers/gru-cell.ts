/**
 * The GRU cell (Cho et al. 2014) in the reset-after form (PyTorch's and
 * Keras 2's default), gates in Keras' order z, r, h along the kernels' last
 * axis. The bias has two rows, one added to the input projection and one to
 * the recurrent product, since the reset gate multiplies the latter:
 *
 *   x' = x_t W + b_in,   u = h_{t-1} U + b_rec
 *   z = sigma(x'_z + u_z),   r = sigma(x'_r + u_r),   n = act(x'_h + r u_h)
 *   h_t = z h_{t-1} + (1 - z) n
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import { matMul2d } from './matmul.js';
import { addMaybe, throughActivation, type CellTrace, type RecurrentCell } from './recurrent-scan.js';

/**
 * A GRU cell of `units` units.
 *
 * @example
 * const cell = gruCell(getActivation('tanh'), getActivation('sigmoid'), 32);
 */
export function gruCell(act: Activation, recAct: Activation, units: number): RecurrentCell {
  return {
    gates: 3,
    recurrentBias: true,
    forward(xw, rk, recBias) {
      const hs: Tensor[] = [];
      const saved: Tensor[] = []; // per step: z, r, n and u_h
      let h: Tensor | undefined;
      for (const proj of xw) {
        // h_{-1} = 0: the first recurrent product is the bias alone
        const u = h ? tf.add(matMul2d(h as Tensor2D, rk as Tensor2D), recBias!) : tf.broadcastTo(tf.reshape(recBias!, [1, 3 * units]), [proj.shape[0], 3 * units]);
        const [xz, xr, xh] = tf.split(proj, 3, 1);
        const [uz, ur, uh] = tf.split(u, 3, 1);
        const z = recAct.forward(tf.add(xz, uz));
        const r = recAct.forward(tf.add(xr, ur));
        const n = act.forward(tf.add(xh, tf.mul(r, uh)));
        h = h ? tf.add(n, tf.mul(z, tf.sub(h, n))) : tf.sub(n, tf.mul(z, n));
        hs.push(h);
        saved.push(z, r, n, uh);
      }
      return { hs, saved };
    },
    backward(dhOut, trace: CellTrace, rk) {
      const steps = trace.hs.length;
      const dxw: Tensor[] = new Array(steps);
      const dhu: Tensor[] = new Array(steps);
      let dhNext: Tensor | undefined;
      for (let p = steps - 1; p >= 0; p--) {
        const [z, r, n, uh] = trace.saved.slice(4 * p, 4 * p + 4);
        const dh = addMaybe(dhOut[p], dhNext) ?? tf.zerosLike(trace.hs[p]);
        const dn = throughActivation(tf.sub(dh, tf.mul(dh, z)), act, n);
        const dz = throughActivation(p > 0 ? tf.mul(dh, tf.sub(trace.hs[p - 1], n)) : tf.neg(tf.mul(dh, n)), recAct, z);
        const dr = throughActivation(tf.mul(dn, uh), recAct, r);
        dxw[p] = tf.concat([dz, dr, dn], 1);
        dhu[p] = tf.concat([dz, dr, tf.mul(dn, r)], 1);
        dhNext = p > 0 ? tf.add(tf.mul(dh, z), matMul2d(dhu[p] as Tensor2D, rk as Tensor2D, false, true)) : undefined;
      }
      return { dxw, dhu };
    },
  };
}
