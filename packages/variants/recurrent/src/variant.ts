/**
 * The recurrent (sequence-to-sequence) autoencoder for windows of a series,
 * [steps, features].
 *
 * Encoder: one LSTM or GRU layer per entry of `units`; every layer but the
 * last returns its whole sequence, the last returns its final state, which
 * is the code (or, with `latent`, a dense layer maps it to a code of that
 * size). Only the encoder may be bidirectional (the state is then the
 * forward and the backward state side by side).
 *
 * Decoder: the code repeated over the input's steps (repeatVector), the
 * same recurrent layers in the mirror order, each returning its sequence,
 * and one dense layer applied at every step back to the input's features.
 * The predictor of a model with a target `[horizon, features]` is the same
 * decoder repeating the code over the horizon instead.
 *
 * With the defaults on [48, 1] this is the classic LSTM autoencoder
 * (lstm(64) -> last state; repeat 48 -> lstm(64) -> dense(1) per step).
 */
import { RECONSTRUCTION_LOSSES, defineVariant, expectSequence, s, type LayerSpec } from '@hourglass/core';

const options = s.object({
  cell: s.enum(['lstm', 'gru'] as const, { default: 'lstm', doc: 'recurrent cell' }),
  units: s.array(s.int({ min: 1 }), { default: [64], minLength: 1, doc: 'encoder layer widths, outermost first; the decoder mirrors them' }),
  bidirectional: s.boolean({ default: false, doc: 'read the window both ways in the encoder' }),
  latent: s.optional(s.int({ min: 1, doc: 'code size (a dense layer on the last state); default: the last state is the code' })),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'mse', doc: 'mse for scaled series' }),
});

type Config = ReturnType<typeof options.parse>;

function encoder(cfg: Config, inputShape: number[]): LayerSpec[] {
  expectSequence('recurrent', inputShape, 'sequences');
  const last = cfg.units.length - 1;
  const layers: LayerSpec[] = cfg.units.map((units, i) => ({ type: cfg.cell, units, returnSequences: i < last, bidirectional: cfg.bidirectional }));
  if (cfg.latent !== undefined) layers.push({ type: 'dense', units: cfg.latent });
  return layers;
}

/** Layers from a code of `codeShape` to a sequence of `outShape` (the input, or a prediction target). */
function decoder(cfg: Config, outShape: number[], codeShape: number[], what: string): LayerSpec[] {
  const [steps, features] = expectSequence('recurrent', outShape, what);
  return [
    ...(codeShape.length > 1 ? [{ type: 'flatten' }] : []),
    { type: 'repeatVector', n: steps },
    ...[...cfg.units].reverse().map((units) => ({ type: cfg.cell, units, returnSequences: true })),
    { type: 'timeDense', units: features },
  ];
}

/**
 * The recurrent architecture plug-in.
 *
 * @example
 * import { Autoencoder, registerVariant } from '@hourglass/core';
 * import { recurrent } from '@hourglass/variant-recurrent';
 * registerVariant(recurrent);
 * const model = Autoencoder.create({ inputShape: [48, 1], variants: [{ name: 'recurrent', config: { cell: 'gru', units: [32] } }] }); // code [32]
 */
export const recurrent = defineVariant({
  name: 'recurrent',
  version: '0.1.0',
  role: 'architecture',
  description: 'LSTM or GRU encoder-decoder for windows [steps, features]: reconstructs, predicts the next steps, or both.',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => encoder(cfg, inputShape),
  decoder: (cfg, { inputShape, codeShape }) => decoder(cfg, inputShape, codeShape, 'sequences'),
  predictor: (cfg, { targetShape, codeShape }) => decoder(cfg, targetShape, codeShape, 'prediction targets'),
});
