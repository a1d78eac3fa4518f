/**
 * AutoRec (Sedhain et al. 2015, "AutoRec: Autoencoders Meet Collaborative
 * Filtering"): one hidden layer, h(r) = f(W g(V r + mu) + b) with g the
 * sigmoid and f the identity, trained on a row's observed ratings only.
 *
 * What the paper spells out and where it lives here:
 * - the objective counts observed ratings only: train on `ArrayData` with
 *   its `mask` (1 where a rating exists; `Interactions.denseRows` gives both),
 *   and core's masked MSE ignores the rest;
 * - the L2 penalty lambda/2 (|W|^2 + |V|^2) is the trainer's
 *   `optimizer.weightDecay` (it also reaches the biases). The paper's
 *   objective sums over all training ratings, core's loss is a mean per
 *   row of the mean over its observed entries, so a paper's lambda is
 *   about lambda / (number of training ratings) here;
 * - item-based (I-AutoRec, the paper's better one) or user-based is only
 *   which rows are fed: items x users with `Interactions.transpose()`, or
 *   users x items as stored. The plug-in does not need to know.
 *
 * Unobserved entries enter the encoder as 0, as in the paper.
 */
import { RECONSTRUCTION_LOSSES, defineVariant, s } from '@hourglass/core';

const options = s.object({
  hidden: s.int({ min: 1, default: 500, doc: 'hidden units (the code)' }),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'mse', doc: 'mse on ratings (train with a mask of the observed ones)' }),
});

/**
 * The AutoRec architecture plug-in.
 *
 * @example
 * registerVariant(autorec);
 * const rows = train.transpose(); // I-AutoRec: one row per item
 * const block = rows.denseRows(Int32Array.from({ length: rows.users }, (_, i) => i));
 * const m = Autoencoder.create({ inputShape: [rows.items], variants: [{ name: 'autorec', config: { hidden: 500 } }], seed: 1 });
 * await train(m, { x: block.x, mask: block.mask, n: rows.users, sampleShape: [rows.items] }, { optimizer: { weightDecay: 1e-4 } });
 */
export const autorec = defineVariant({
  name: 'autorec',
  version: '0.1.0',
  role: 'architecture',
  description: 'AutoRec for ratings (Sedhain et al. 2015): one sigmoid hidden layer, identity output, trained on observed entries.',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => [...(inputShape.length > 1 ? [{ type: 'flatten' }] : []), { type: 'dense', units: cfg.hidden, activation: 'sigmoid' }],
  decoder: (_cfg, { inputShape }) => [
    { type: 'dense', units: inputShape.reduce((a, b) => a * b, 1) },
    ...(inputShape.length > 1 ? [{ type: 'reshape', shape: [...inputShape] }] : []),
  ],
});
