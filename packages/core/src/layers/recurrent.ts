/**
 * The recurrent layer types, `lstm` and `gru`: a sequence [steps, features]
 * in, the last state [units] or the whole sequence [steps, units] out
 * (`returnSequences`). Bidirectional layers run a second set of weights
 * over the reversed sequence and concatenate forward then backward along the
 * feature axis (the backward outputs realigned with time, as Keras does).
 *
 * Weights (Keras' layout): `kernel` [features, gates * units],
 * `recurrentKernel` [units, gates * units], `bias` ([gates * units]; GRU's
 * reset-after form has two rows, [2, 3 * units]); bidirectional layers have
 * them under `forward/` and `backward/`. The steps run in
 * `recurrent-scan.ts`, the cells in `lstm-cell.ts` and `gru-cell.ts`.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { s } from '../schema.js';
import { ACTIVATIONS, getActivation, type Activation } from './activations.js';
import { INITIALIZERS, RECURRENT_INITIALIZERS } from './initializers.js';
import { defineLayer, expectRank, makeWeight } from './define.js';
import type { BuildContext, NamedWeight } from './layer.js';
import { recurrentDirection, type RecurrentCell } from './recurrent-scan.js';
import { lstmCell } from './lstm-cell.js';
import { gruCell } from './gru-cell.js';

const common = {
  units: s.int({ min: 1, doc: 'size of the state' }),
  returnSequences: s.boolean({ default: false, doc: 'output every step [steps, units] rather than the last state [units]' }),
  bidirectional: s.boolean({ default: false, doc: 'also run over the reversed sequence and concatenate' }),
  activation: s.enum(ACTIVATIONS, { default: 'tanh' }),
  recurrentActivation: s.enum(ACTIVATIONS, { default: 'sigmoid' }),
  kernelInitializer: s.enum(INITIALIZERS, { default: 'glorotUniform' }),
  recurrentInitializer: s.enum(RECURRENT_INITIALIZERS, { default: 'orthogonal' }),
};

interface RecurrentOptions {
  units: number;
  returnSequences: boolean;
  bidirectional: boolean;
  kernelInitializer: (typeof INITIALIZERS)[number];
  recurrentInitializer: (typeof RECURRENT_INITIALIZERS)[number];
}

/** Builds a (bi)directional recurrent layer around `cell`; `biasInit` may adjust the zero-initialised bias. */
function buildRecurrent(o: RecurrentOptions, cell: RecurrentCell, inputShape: number[], ctx: BuildContext, biasInit?: (v: Float32Array) => void) {
  expectRank(inputShape, 2, 'a sequence [steps, features]');
  const [steps, features] = inputShape;
  const width = cell.gates * o.units;
  const directions = o.bidirectional ? ['forward/', 'backward/'] : [''];
  const weights: NamedWeight[] = [];
  const runs = directions.map((prefix) => {
    const kernel = makeWeight(ctx, `${prefix}kernel`, [features, width], o.kernelInitializer, features, width);
    const recurrent = makeWeight(ctx, `${prefix}recurrentKernel`, [o.units, width], o.recurrentInitializer, o.units, width);
    const biasShape = cell.recurrentBias ? [2, width] : [width];
    const bias = makeWeight(ctx, `${prefix}bias`, biasShape, 'zeros', 0, 0, biasInit);
    weights.push(kernel, recurrent, bias);
    const run = recurrentDirection(cell, o.units, { reverse: prefix === 'backward/', returnSequences: o.returnSequences });
    return (x: Tensor) => run(x, kernel.variable, recurrent.variable, bias.variable);
  });
  const out = o.units * directions.length;
  return {
    outputShape: o.returnSequences ? [steps, out] : [out],
    weights,
    apply: (x: Tensor) => (runs.length === 1 ? runs[0](x) : tf.concat(runs.map((run) => run(x)), -1)),
  };
}

const acts = (o: { activation: string; recurrentActivation: string }): [Activation, Activation] => [getActivation(o.activation), getActivation(o.recurrentActivation)];

/**
 * `lstm`: `[steps, features]` -> `[units * dirs]` (the last state) or
 * `[steps, units * dirs]` (`returnSequences`).
 *
 * @example
 * buildStack('encoder', [{ type: 'lstm', units: 64 }], [48, 1], createRng(0)).outputShape; // [64]
 */
export const lstm = defineLayer(
  'lstm',
  s.object({ ...common, unitForgetBias: s.boolean({ default: true, doc: 'start the forget gate bias at 1 (Jozefowicz et al. 2015)' }) }),
  (o, inputShape, ctx) => {
    const cell = lstmCell(...acts(o), o.units);
    // gates i, f, c, o: the forget gate's bias is the second quarter
    const forgetBias = o.unitForgetBias ? (v: Float32Array) => v.fill(1, o.units, 2 * o.units) : undefined;
    return buildRecurrent(o, cell, inputShape, ctx, forgetBias);
  },
);

/**
 * `gru` (reset-after): `[steps, features]` -> `[units * dirs]` or
 * `[steps, units * dirs]` (`returnSequences`).
 *
 * @example
 * buildStack('decoder', [{ type: 'gru', units: 32, returnSequences: true }], [48, 8], createRng(0)).outputShape; // [48, 32]
 */
export const gru = defineLayer('gru', s.object(common), (o, inputShape, ctx) => buildRecurrent(o, gruCell(...acts(o), o.units), inputShape, ctx));
