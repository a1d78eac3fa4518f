/**
 * The LSTM cell (Hochreiter & Schmidhuber 1997, with a forget gate), gates
 * in Keras' order i, f, c, o along the kernels' last axis:
 *
 *   z = x_t W + b + h_{t-1} U,   i, f, o = sigma(z_i, z_f, z_o),   g = act(z_c)
 *   c_t = f c_{t-1} + i g,       h_t = o act(c_t)
 *
 * with sigma the recurrent activation. The backward loop goes through the
 * same steps in reverse, carrying dh and dc.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import { matMul2d } from './matmul.js';
import { addMaybe, throughActivation, type CellTrace, type RecurrentCell } from './recurrent-scan.js';

/**
 * An LSTM cell of `units` units.
 *
 * @example
 * const cell = lstmCell(getActivation('tanh'), getActivation('sigmoid'), 64);
 */
export function lstmCell(act: Activation, recAct: Activation, units: number): RecurrentCell {
  return {
    gates: 4,
    recurrentBias: false,
    forward(xw, rk) {
      const hs: Tensor[] = [];
      const saved: Tensor[] = []; // per step: the gates [i, f, g, o] and act(c), then every c
      const cs: Tensor[] = [];
      let h: Tensor | undefined;
      let c: Tensor | undefined;
      for (const proj of xw) {
        const z = h ? tf.add(proj, matMul2d(h as Tensor2D, rk as Tensor2D)) : proj;
        const [zi, zf, zc, zo] = tf.split(z, 4, 1);
        const i = recAct.forward(zi);
        const f = recAct.forward(zf);
        const g = act.forward(zc);
        const o = recAct.forward(zo);
        c = c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g);
        const tc = act.forward(c);
        h = tf.mul(o, tc);
        hs.push(h);
        cs.push(c);
        saved.push(i, f, g, o, tc);
      }
      return { hs, saved: [...saved, ...cs] };
    },
    backward(dhOut, trace: CellTrace, rk) {
      const steps = trace.hs.length;
      const cs = trace.saved.slice(5 * steps);
      const dxw: Tensor[] = new Array(steps);
      let dhNext: Tensor | undefined;
      let dcNext: Tensor | undefined;
      for (let p = steps - 1; p >= 0; p--) {
        const [i, f, g, o, tc] = trace.saved.slice(5 * p, 5 * p + 5);
        const dh = addMaybe(dhOut[p], dhNext) ?? tf.zerosLike(trace.hs[p]);
        const dc = addMaybe(throughActivation(tf.mul(dh, o), act, tc), dcNext)!;
        const di = throughActivation(tf.mul(dc, g), recAct, i);
        const df = p > 0 ? throughActivation(tf.mul(dc, cs[p - 1]), recAct, f) : tf.zerosLike(dc);
        const dg = throughActivation(tf.mul(dc, i), act, g);
        const dO = throughActivation(tf.mul(dh, tc), recAct, o);
        const dz = tf.concat([di, df, dg, dO], 1);
        dxw[p] = dz;
        dcNext = tf.mul(dc, f);
        dhNext = p > 0 ? matMul2d(dz as Tensor2D, rk as Tensor2D, false, true) : undefined;
      }
      return { dxw, dhu: dxw };
    },
  };
}
