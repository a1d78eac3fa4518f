/**
 * LSTM and GRU layers as ONNX's LSTM and GRU operators, which run
 * time-major ([steps, batch, features]) and return every step
 * Y [steps, directions, batch, units] and the final states
 * Y_h [directions, batch, units].
 *
 * Weights: ONNX wants W [dirs, gates * units, features] and
 * R [dirs, gates * units, units] (Keras' kernels transposed) and
 * B [dirs, 2 * gates * units] (input bias, then recurrent bias). LSTM
 * gates run i, o, f, c in ONNX against Keras' i, f, c, o, so blocks are
 * reordered, and Keras' single bias is the input bias (the recurrent one
 * zero). GRU gates run z, r, h in both, and the reset-after form is
 * `linear_before_reset` with Keras' two bias rows as they are.
 *
 * Outputs: every step becomes [batch, steps, dirs * units] (forward features
 * then backward, Keras' concatenation; ONNX realigns the backward outputs
 * with time as Keras does); the last state is Y_h, whose backward entry is
 * the backward run's state after the whole reversed sequence, which is what
 * Hourglass concatenates.
 */
import type { PortableLayer, PortableWeight } from '../portable.js';
import { recurrentActivations } from './activations.js';
import type { OnnxGraph } from './graph.js';
import { permuted, reorderedBlocks } from './weights.js';

type Recurrent = Extract<PortableLayer, { kind: 'recurrent' }>;

/** ONNX's gate order in terms of Keras' (block j of ONNX is block ORDER[j] of Keras). */
const LSTM_ORDER = [0, 3, 1, 2];
const GRU_ORDER = [0, 1, 2];

function concatenated(weights: PortableWeight[]): PortableWeight {
  const values = new Float32Array(weights.reduce((n, w) => n + w.values.length, 0));
  let at = 0;
  for (const w of weights) {
    values.set(w.values, at);
    at += w.values.length;
  }
  return { shape: [weights.length, ...weights[0].shape], values };
}

/** W, R and B of every direction, in ONNX's layout. */
function onnxWeights(layer: Recurrent): { W: PortableWeight; R: PortableWeight; B: PortableWeight } {
  const order = layer.cell === 'lstm' ? LSTM_ORDER : GRU_ORDER;
  const onnxMatrix = (kernel: PortableWeight) => permuted(reorderedBlocks(kernel, order), [1, 0]);
  const onnxBias = (bias: PortableWeight): PortableWeight => {
    const width = order.length * layer.units;
    const rows = layer.cell === 'lstm' ? Float32Array.from([...reorderedBlocks(bias, order).values, ...new Float32Array(width)]) : reorderedBlocks(bias, order).values;
    return { shape: [2 * width], values: rows };
  };
  return {
    W: concatenated(layer.directions.map((d) => onnxMatrix(d.kernel))),
    R: concatenated(layer.directions.map((d) => onnxMatrix(d.recurrentKernel))),
    B: concatenated(layer.directions.map((d) => onnxBias(d.bias))),
  };
}

/**
 * A (bidirectional) LSTM or GRU layer on `[batch, steps, features]`, giving `[batch, steps, dirs * units]` or `[batch, dirs * units]`.
 *
 * @example
 * const y = recurrentOp(g, layer, x);
 */
export function recurrentOp(g: OnnxGraph, layer: Recurrent, input: string): string {
  const { W, R, B } = onnxWeights(layer);
  const dirs = layer.directions.length;
  const [steps] = layer.inputShape;
  const perDirection = layer.cell === 'lstm' ? [layer.recurrentActivation, layer.activation, layer.activation] : [layer.recurrentActivation, layer.activation];
  const timeMajor = g.transpose(input, [1, 0, 2], `${layer.name}_time_major`);
  const [Y, Yh] = g.ops(
    layer.cell === 'lstm' ? 'LSTM' : 'GRU',
    [timeMajor, g.floats(`${layer.name}_W`, W.values, W.shape), g.floats(`${layer.name}_R`, R.values, R.shape), g.floats(`${layer.name}_B`, B.values, B.shape)],
    {
      hidden_size: { int: layer.units },
      direction: { string: dirs === 2 ? 'bidirectional' : 'forward' },
      ...recurrentActivations(Array.from({ length: dirs }, () => perDirection).flat()),
      ...(layer.cell === 'gru' ? { linear_before_reset: { int: 1 } } : {}),
    },
    layer.name,
    2,
  );
  if (layer.returnSequences) return g.reshape(g.transpose(Y, [2, 0, 1, 3], `${layer.name}_batch_major`), [steps, dirs * layer.units], `${layer.name}_sequence`);
  return g.reshape(g.transpose(Yh, [1, 0, 2], `${layer.name}_batch_major`), [dirs * layer.units], `${layer.name}_state`);
}
