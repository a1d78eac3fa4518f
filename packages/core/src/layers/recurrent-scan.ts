/**
 * One direction of a recurrent layer as a single op with a hand-written
 * backward pass through time.
 *
 * Autodiff of a per-step op graph would record every small op of every step
 * on the tape and walk it back op by op. Instead the input projection of all
 * steps is one product, x W + b over [batch * steps, features], before the
 * loop; the loop does only what must be sequential (the product with the
 * recurrent kernel and the gates, `RecurrentCell`); and the backward pass
 * runs the cell's backward loop once, then gets the kernel, recurrent-kernel
 * and bias gradients and dx from products over all steps at once.
 *
 * Steps are taken in processing order (time order, or reversed for the
 * backward direction of a bidirectional layer); outputs come back in time
 * order. The initial state is zero.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import { customOp } from './custom-op.js';
import { columnSums, matMul2d } from './matmul.js';

/** What a cell's forward loop returns: the output h of every step and what its backward loop needs. */
export interface CellTrace {
  hs: Tensor[];
  saved: Tensor[];
}

/** What a cell's backward loop returns, per step (processing order). */
export interface CellGradients {
  /** Gradient w.r.t. the step's input projection x_t W + b_in ([batch, gates * units]). */
  dxw: Tensor[];
  /** Gradient w.r.t. the step's recurrent product h_{t-1} U (+ b_rec) ([batch, gates * units]). */
  dhu: Tensor[];
}

/**
 * The sequential part of a recurrent layer (LSTM, GRU).
 *
 * @example
 * const trace = cell.forward(projections, recurrentKernel, undefined); // trace.hs: one [batch, units] per step
 */
export interface RecurrentCell {
  /** Gate blocks in the kernels' last axis (4 for LSTM, 3 for GRU). */
  readonly gates: number;
  /** True when the bias has a second row added to the recurrent product (GRU's reset-after form). */
  readonly recurrentBias: boolean;
  /** Runs the steps; `xw[p]` is step p's input projection [batch, gates * units]. */
  forward(xw: Tensor[], rk: Tensor, recBias: Tensor | undefined): CellTrace;
  /** Back through the steps; `dh[p]` is the gradient w.r.t. step p's output (undefined where none). */
  backward(dh: Array<Tensor | undefined>, trace: CellTrace, rk: Tensor): CellGradients;
}

/**
 * dy * f'(y) where f's derivative is taken from its output y (dy alone for the identity).
 *
 * @example
 * const dz = throughActivation(dy, getActivation('tanh'), y);
 */
export function throughActivation(dy: Tensor, act: Activation, y: Tensor): Tensor {
  return act.derivativeFromOutput ? tf.mul(dy, act.derivativeFromOutput(y)) : dy;
}

/** a + b where either may be missing (both missing: undefined). */
export function addMaybe(a: Tensor | undefined, b: Tensor | undefined): Tensor | undefined {
  if (!a) return b;
  if (!b) return a;
  return tf.add(a, b);
}

/**
 * Makes one direction of a recurrent layer: `(x, kernel, recurrentKernel,
 * bias) => y`, x [batch, steps, features], y [batch, steps, units] with
 * `returnSequences`, else [batch, units] (the state after the last step
 * processed). `reverse` processes the steps from last to first.
 *
 * What the backward pass needs (every step's state and gates) leaves the op
 * packed beside y in its one output, [batch, y | states | cell's tensors],
 * and y is sliced from it: a custom op may keep only its inputs and output
 * for its gradient (tfjs' leak check rejects any other tensor it keeps).
 * One concat packs, one split unpacks.
 *
 * @example
 * const run = recurrentDirection(lstmCell(tanh, sigmoid, 64), 64, { reverse: false, returnSequences: true });
 * const y = run(x, kernel, recurrentKernel, bias); // [batch, steps, 64]
 */
export function recurrentDirection(
  cell: RecurrentCell,
  units: number,
  o: { reverse: boolean; returnSequences: boolean },
): (x: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor) => Tensor {
  const width = cell.gates * units;
  const op = customOp(([x, w, rk, b], save) => {
    const [batch, steps, features] = x.shape as [number, number, number];
    const [inBias, recBias] = cell.recurrentBias ? tf.unstack(b) : [b, undefined];
    const x2 = tf.reshape(x, [batch * steps, features]) as Tensor2D;
    const xw = tf.reshape(tf.add(matMul2d(x2, w as Tensor2D), inBias), [batch, steps, width]);
    const order = (ts: Tensor[]) => (o.reverse ? ts.reverse() : ts);
    const trace = cell.forward(order(tf.unstack(xw, 1)), rk, recBias);
    // the outputs (time order), then the states unless they are the outputs, then the cell's tensors
    const outputs = o.returnSequences ? order([...trace.hs]) : [trace.hs[steps - 1]];
    const pieces = [...outputs, ...(o.returnSequences ? [] : trace.hs), ...trace.saved];
    const packed = tf.concat(pieces.map((t) => tf.reshape(t, [t.shape[0], -1])), 1);
    const sizes = pieces.map((t) => t.size / t.shape[0]);
    save([x, w, rk, packed]);
    return {
      value: packed,
      gradFunc: (dPacked, [sx, sw, srk, sPacked]) => {
        const parts = tf.split(sPacked, sizes, 1);
        const hs = o.returnSequences ? order(parts.slice(0, steps)) : parts.slice(1, 1 + steps);
        const t: CellTrace = { hs, saved: parts.slice(o.returnSequences ? steps : 1 + steps) };
        const dOut = tf.slice(dPacked, [0, 0], [batch, outputs.length * units]);
        const dh: Array<Tensor | undefined> = o.returnSequences ? order(tf.split(dOut, steps, 1)) : [...new Array<undefined>(steps - 1), dOut];
        const g = cell.backward(dh, t, srk);
        const dxw = tf.reshape(tf.stack(order(g.dxw), 1), [batch * steps, width]) as Tensor2D;
        const sx2 = tf.reshape(sx, [batch * steps, features]) as Tensor2D;
        const dx = tf.reshape(matMul2d(dxw, sw as Tensor2D, false, true), [batch, steps, features]);
        const dw = matMul2d(sx2, dxw, true, false);
        const dhu = tf.concat(g.dhu, 0) as Tensor2D;
        // h_{-1} = 0: the first step adds nothing to the recurrent kernel's gradient
        const drk =
          steps > 1
            ? matMul2d(tf.concat(hs.slice(0, steps - 1), 0) as Tensor2D, tf.slice(dhu, [batch, 0], [batch * (steps - 1), width]) as Tensor2D, true, false)
            : tf.zeros([units, width]);
        const dInBias = columnSums(dxw);
        const db = cell.recurrentBias ? tf.stack([dInBias, columnSums(dhu)]) : dInBias;
        return [dx, dw, drk, db];
      },
    };
  });
  return (x, kernel, recurrentKernel, bias) => {
    const [batch, steps] = x.shape as [number, number];
    const packed = op(x, kernel, recurrentKernel, bias);
    const y = tf.slice(packed, [0, 0], [batch, (o.returnSequences ? steps : 1) * units]);
    return o.returnSequences ? tf.reshape(y, [batch, steps, units]) : y;
  };
}
