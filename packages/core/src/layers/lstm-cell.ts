/**
 * The LSTM cell (Hochreiter & Schmidhuber 1997, with a forget gate), gates
 * in Keras' order i, f, c, o along the kernels' last axis:
 *
 *   z = x_t W + b + h_{t-1} U,   i, f, o = sigma(z_i, z_f, z_o),   g = act(z_c)
 *   c_t = f c_{t-1} + i g,       h_t = o act(c_t)
 *
 * with sigma the recurrent activation. The trace holds h, sigma(z), g, c
 * and act(c) per step (sigma(z)'s third quarter unused). Backward, per step:
 *
 *   dc = dh P + dc_{t+1},   dz = [dc, dc, dc, dh] M,   dc_t = dc f
 *
 * where P = o act'(act(c)) and M = [g sigma'_i, c_{t-1} sigma'_f, i act'(g),
 * act(c) sigma'_o] are computed for all steps at once before the loop.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import { matMul2d } from './matmul.js';
import { addMaybe, derivative, mulMaybe, previousStates, stackTrace, type RecurrentCell } from './recurrent-scan.js';

/**
 * An LSTM cell of `units` units.
 *
 * @example
 * const cell = lstmCell(getActivation('tanh'), getActivation('sigmoid'), 64);
 */
export function lstmCell(act: Activation, recAct: Activation, units: number): RecurrentCell {
  const u = units;
  return {
    gates: 4,
    recurrentBias: false,
    forward(xw, rk) {
      const kinds: Tensor[][] = [[], [], [], [], []]; // h, sigma(z), g, c, act(c)
      let h: Tensor | undefined;
      let c: Tensor | undefined;
      for (const proj of xw) {
        const z = h ? tf.add(proj, matMul2d(h as Tensor2D, rk as Tensor2D)) : proj;
        const s = recAct.forward(z);
        const [i, f, , o] = tf.split(s, 4, 1);
        const g = act.forward(tf.slice(z, [0, 2 * u], [-1, u]));
        c = c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g);
        const tc = act.forward(c);
        h = tf.mul(o, tc);
        [h, s, g, c, tc].forEach((t, j) => kinds[j].push(t));
      }
      return stackTrace(kinds);
    },
    backward(trace, dhOut, rk) {
      const steps = trace.shape[0];
      const rkT = tf.transpose(rk) as Tensor2D; // once, not per step (a backend may cache a product's right operand)
      const [, s, g, c, tc] = tf.split(trace, [u, 4 * u, u, u, u], 2);
      const [i, f, , o] = tf.split(s, 4, 2);
      const ds = derivative(recAct, s);
      const [di, df, , dO] = ds ? tf.split(ds, 4, 2) : [];
      const m = tf.concat([mulMaybe(g, di), mulMaybe(previousStates(c), df), mulMaybe(i, derivative(act, g)), mulMaybe(tc, dO)], 2);
      const P = tf.unstack(mulMaybe(o, derivative(act, tc)));
      const M = tf.unstack(m);
      const F = tf.unstack(f);
      const dxw: Tensor[] = new Array(steps);
      let dhNext: Tensor | undefined;
      let dcNext: Tensor | undefined;
      for (let p = steps - 1; p >= 0; p--) {
        const dh = addMaybe(dhOut[p], dhNext) ?? tf.zeros([trace.shape[1] as number, u]);
        const dc = addMaybe(tf.mul(dh, P[p]), dcNext)!;
        const dz = tf.mul(tf.concat([dc, dc, dc, dh], 1), M[p]);
        dxw[p] = dz;
        dcNext = tf.mul(dc, F[p]);
        dhNext = p > 0 ? matMul2d(dz as Tensor2D, rkT) : undefined;
      }
      return { dxw, dhu: dxw };
    },
  };
}
