/**
 * The temporal convolutional autoencoder for windows of a series,
 * [steps, features].
 *
 * Encoder: one 1-D convolution per entry of `filters`, each with stride
 * `strides` ('same' padding: the length is divided, rounding up), with
 * dropout between them. Decoder: the mirror image in transposed
 * convolutions (each multiplies the length by `strides`), dropout between
 * them, and a last transposed convolution back to the input's features.
 * With the defaults this is exactly the model of the Keras example
 * "Timeseries anomaly detection using an Autoencoder" (288 steps ->
 * 144x32 -> 72x16 -> 144x16 -> 288x32 -> 288x1, 9,505 parameters).
 *
 * Lengths that do not divide overshoot on the way back (50 -> 25 -> 13 ->
 * 26 -> 52); the surplus is cropped (crop1d, half at each end) before the
 * last convolution. With `latent`, a dense layer on the flattened last
 * feature map makes a flat code of that size, and the decoder starts with a
 * dense layer back to that map. A code that is not the map of the output's
 * length (a flat code, or a predictor's target of another length) is
 * bridged the same way.
 */
import { ACTIVATIONS, RECONSTRUCTION_LOSSES, codeToMap, defineVariant, expectSequence, s, type LayerSpec } from '@hourglass/core';

const options = s.object({
  filters: s.array(s.int({ min: 1 }), { default: [32, 16], minLength: 1, doc: 'encoder convolution widths, outermost first; the decoder mirrors them' }),
  kernelSize: s.int({ min: 1, default: 7 }),
  strides: s.int({ min: 1, default: 2, doc: 'each encoder convolution divides the length by this' }),
  dropout: s.number({ min: 0, lt: 1, default: 0.2, doc: 'dropout rate between convolutions' }),
  activation: s.enum(ACTIVATIONS, { default: 'relu' }),
  latent: s.optional(s.int({ min: 1, doc: 'flat code size (a dense bottleneck); default: the last feature map is the code' })),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'mse', doc: 'mse for scaled series' }),
});

type Config = ReturnType<typeof options.parse>;

/** The length after the encoder's strided 'same' convolutions. */
function bottomLength(steps: number, cfg: Config): number {
  let t = steps;
  for (let i = 0; i < cfg.filters.length; i++) t = Math.ceil(t / cfg.strides);
  return t;
}

/** `layers` with a dropout layer between each two of them (none when the rate is 0). */
function withDropout(layers: LayerSpec[], rate: number): LayerSpec[] {
  return layers.flatMap((layer, i) => (i > 0 && rate > 0 ? [{ type: 'dropout', rate }, layer] : [layer]));
}

function encoder(cfg: Config, inputShape: number[]): LayerSpec[] {
  expectSequence('temporal-conv', inputShape, 'sequences');
  const { kernelSize, strides, activation } = cfg;
  const convs = cfg.filters.map((filters) => ({ type: 'conv1d', filters, kernelSize, strides, padding: 'same', activation }));
  const layers = withDropout(convs, cfg.dropout);
  if (cfg.latent !== undefined) layers.push({ type: 'flatten' }, { type: 'dense', units: cfg.latent, activation });
  return layers;
}

/** Layers from a code of `codeShape` to a sequence of `outShape` (the input, or a prediction target). */
function decoder(cfg: Config, outShape: number[], codeShape: number[], what: string): LayerSpec[] {
  const [steps, features] = expectSequence('temporal-conv', outShape, what);
  const { kernelSize, strides, activation } = cfg;
  const bottom = [bottomLength(steps, cfg), cfg.filters[cfg.filters.length - 1]];
  const layers: LayerSpec[] = [];
  layers.push(...codeToMap(codeShape, bottom, activation));
  const convs = [...cfg.filters].reverse().map((filters) => ({ type: 'conv1dTranspose', filters, kernelSize, strides, padding: 'same', activation }));
  layers.push(...withDropout(convs, cfg.dropout));
  const surplus = bottom[0] * strides ** cfg.filters.length - steps;
  if (surplus > 0) layers.push({ type: 'crop1d', start: Math.floor(surplus / 2), end: Math.ceil(surplus / 2) });
  layers.push({ type: 'conv1dTranspose', filters: features, kernelSize, strides: 1, padding: 'same', activation: 'linear' });
  return layers;
}

/**
 * The temporal convolutional architecture plug-in.
 *
 * @example
 * import { Autoencoder, registerVariant } from '@hourglass/core';
 * import { temporalConv } from '@hourglass/variant-temporal-conv';
 * registerVariant(temporalConv);
 * const model = Autoencoder.create({ inputShape: [288, 1], variants: [{ name: 'temporal-conv' }] }); // code [72, 16]
 */
export const temporalConv = defineVariant({
  name: 'temporal-conv',
  version: '0.1.0',
  role: 'architecture',
  description: 'Conv1D encoder and Conv1DTranspose decoder for windows [steps, features] (the Keras time-series anomaly model).',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => encoder(cfg, inputShape),
  decoder: (cfg, { inputShape, codeShape }) => decoder(cfg, inputShape, codeShape, 'sequences'),
  predictor: (cfg, { targetShape, codeShape }) => decoder(cfg, targetShape, codeShape, 'prediction targets'),
});
