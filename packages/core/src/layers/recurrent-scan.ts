/**
 * One direction of a recurrent layer as a single op with a hand-written
 * backward pass through time.
 *
 * Autodiff of a per-step op graph would record every small op of every step
 * on the tape and walk it back op by op. Instead:
 *
 * - the input projection of all steps is one product, x W + b over
 *   [steps * batch, features], before the loop;
 * - the loop does only what must be sequential (the product with the
 *   recurrent kernel and the gates, `RecurrentCell.forward`); the states h
 *   and what the cell's backward pass needs are stacked over the steps
 *   into the op's one output, [steps, batch, width] (time-major,
 *   processing order, h first), and the layer's output is sliced from it:
 *   a custom op may keep only its inputs and output for its gradient
 *   (tfjs' leak check rejects any other tensor it keeps);
 * - the backward pass computes every factor that does not depend on the
 *   carried gradient over all steps at once, runs the cell's short backward
 *   loop, and gets the kernel, recurrent-kernel and bias gradients and dx
 *   from products over all steps at once.
 *
 * Steps are taken in processing order (time order, or reversed for the
 * backward direction of a bidirectional layer). The initial state is zero.
 */
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { Activation } from './activations.js';
import { customOp } from './custom-op.js';
import { columnSums, matMul2d } from './matmul.js';

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
 * const trace = cell.forward(projections, recurrentKernel, undefined); // [steps, batch, width], the states h first
 */
export interface RecurrentCell {
  /** Gate blocks in the kernels' last axis (4 for LSTM, 3 for GRU). */
  readonly gates: number;
  /** True when the bias has a second row added to the recurrent product (GRU's reset-after form). */
  readonly recurrentBias: boolean;
  /**
   * Runs the steps; `xw[p]` is step p's input projection [batch, gates *
   * units]. Returns the trace [steps, batch, width]: the states h
   * ([0, units) of the last axis), then what `backward` needs.
   */
  forward(xw: Tensor[], rk: Tensor, recBias: Tensor | undefined): Tensor;
  /** Back through the steps: `trace` from `forward`, `dh[p]` the gradient w.r.t. step p's output (undefined where none). */
  backward(trace: Tensor, dh: Array<Tensor | undefined>, rk: Tensor): CellGradients;
}

/**
 * f'(y) from f's output y, or undefined for the identity.
 *
 * @example
 * const d = derivative(getActivation('tanh'), y); // 1 - y^2
 */
export function derivative(act: Activation, y: Tensor): Tensor | undefined {
  return act.derivativeFromOutput?.(y);
}

/** a * b where a missing factor is 1. */
export function mulMaybe(a: Tensor, b: Tensor | undefined): Tensor {
  return b ? tf.mul(a, b) : a;
}

/** a + b where either may be missing (both missing: undefined). */
export function addMaybe(a: Tensor | undefined, b: Tensor | undefined): Tensor | undefined {
  if (!a) return b;
  if (!b) return a;
  return tf.add(a, b);
}

/**
 * The states of the steps before each step, h_{p-1} (zero before the
 * first): [steps, batch, units] from the stacked states `h`.
 *
 * @example
 * const hPrev = previousStates(h); // hPrev[0] = 0, hPrev[p] = h[p - 1]
 */
export function previousStates(h: Tensor): Tensor {
  const [steps, batch, units] = h.shape as [number, number, number];
  const zero = tf.zeros([1, batch, units]);
  return steps > 1 ? tf.concat([zero, tf.slice(h, [0, 0, 0], [steps - 1, batch, units])], 0) : zero;
}

/**
 * The trace of a cell's steps: `kinds[j][p]` is tensor j of step p
 * ([batch, k_j]); each kind is stacked over the steps and the kinds are
 * joined along the last axis: [steps, batch, sum k_j].
 *
 * @example
 * return stackTrace([hs, gates, cells]); // [steps, batch, units + 4 units + units]
 */
export function stackTrace(kinds: Tensor[][]): Tensor {
  return tf.concat(kinds.map((k) => tf.stack(k)), 2);
}

/** [steps, batch, k] -> [steps * batch, k]. */
const rows = (t: Tensor) => tf.reshape(t, [-1, t.shape[t.rank - 1]]) as Tensor2D;

/**
 * Makes one direction of a recurrent layer: `(x, kernel, recurrentKernel,
 * bias) => y`, x [batch, steps, features], y [batch, steps, units] with
 * `returnSequences`, else [batch, units] (the state after the last step
 * processed). `reverse` processes the steps from last to first.
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
  const gateWidth = cell.gates * units;
  const order = <T>(ts: T[]) => (o.reverse ? ts.reverse() : ts);
  const op = customOp(([x, w, rk, b], save) => {
    const [batch, steps] = x.shape as [number, number];
    const [inBias, recBias] = cell.recurrentBias ? tf.unstack(b) : [b, undefined];
    const xw = tf.add(matMul2d(rows(tf.transpose(x, [1, 0, 2])), w as Tensor2D), inBias);
    const trace = cell.forward(order(tf.unstack(tf.reshape(xw, [steps, batch, gateWidth]))), rk, recBias);
    save([x, w, rk, trace]);
    return {
      value: trace,
      gradFunc: (dTrace, [sx, sw, srk, sTrace]) => {
        const dOut = tf.slice(dTrace, [0, 0, 0], [steps, batch, units]);
        const dh: Array<Tensor | undefined> = o.returnSequences
          ? tf.unstack(dOut)
          : [...new Array<undefined>(steps - 1), tf.reshape(tf.slice(dOut, [steps - 1, 0, 0], [1, batch, units]), [batch, units])];
        const g = cell.backward(sTrace, dh, srk);
        const dxw = rows(tf.stack(order(g.dxw))); // time order, [steps * batch, gates * units]
        const dx = tf.transpose(tf.reshape(matMul2d(dxw, sw as Tensor2D, false, true), [steps, batch, -1]), [1, 0, 2]);
        const dw = matMul2d(rows(tf.transpose(sx, [1, 0, 2])), dxw, true, false);
        const dhu = tf.concat(g.dhu, 0) as Tensor2D;
        // h_{-1} = 0: the first step adds nothing to the recurrent kernel's gradient
        const drk =
          steps > 1
            ? matMul2d(rows(tf.slice(sTrace, [0, 0, 0], [steps - 1, batch, units])), tf.slice(dhu, [batch, 0], [batch * (steps - 1), gateWidth]) as Tensor2D, true, false)
            : tf.zeros([units, gateWidth]);
        const dInBias = columnSums(dxw);
        const db = cell.recurrentBias ? tf.stack([dInBias, columnSums(dhu)]) : dInBias;
        return [dx, dw, drk, db];
      },
    };
  });
  return (x, kernel, recurrentKernel, bias) => {
    const [batch, steps] = x.shape as [number, number];
    const trace = op(x, kernel, recurrentKernel, bias) as Tensor3D;
    if (!o.returnSequences) return tf.reshape(tf.slice(trace, [steps - 1, 0, 0], [1, batch, units]), [batch, units]);
    const h = tf.slice(trace, [0, 0, 0], [steps, batch, units]);
    return tf.transpose(o.reverse ? tf.reverse(h, 0) : h, [1, 0, 2]);
  };
}
