/**
 * The layers architecture: an encoder and a decoder given as explicit lists
 * of layer specs (`{ type: 'conv2d', filters: 16, ... }`, any type in
 * `layerTypes()`), for a network that no other variant builds: one designed
 * by hand, or one imported from Keras or tfjs-layers (`importNetwork` of
 * @hourglass/export writes its recipe this way). The decoder must end at
 * the input's shape; a model with a target may give its own `predictor`.
 */
import { ConfigError, RECONSTRUCTION_LOSSES, defineVariant, s, type Field, type LayerSpec } from '@hourglass/core';

/** A layer spec: an object with a string `type` and that type's options (checked when the layer is built). */
const layerSpec: Field<LayerSpec> = {
  kind: 'layer',
  expected: 'a layer spec { type, ...options }',
  hasDefault: false,
  check(value, path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { type?: unknown }).type !== 'string')
      return s.object({ type: s.string() }).check(value === null || typeof value !== 'object' || Array.isArray(value) ? value : {}, path) as never;
    return { ...(value as LayerSpec) };
  },
};

/** The specs of `part`, copied; a ConfigError when the configuration gives none. */
function specs(list: LayerSpec[], part: string): LayerSpec[] {
  if (list.length === 0)
    throw new ConfigError(`layers: "${part}" is empty; give its layer specs in order, e.g. [{ "type": "dense", "units": 32, "activation": "relu" }]`, { field: part });
  return list.map((l) => ({ ...l }));
}

const options = s.object({
  encoder: s.array(layerSpec, { default: [], doc: 'the encoder, input to code: layer specs in order (required)' }),
  decoder: s.array(layerSpec, { default: [], doc: 'the decoder, code to the input shape: layer specs in order (required)' }),
  predictor: s.optional(s.array(layerSpec, { minLength: 1, doc: "a target model's predictor, code to the target shape (default: the decoder's layers)" })),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'mse', doc: "the loss: 'bce' (the decoder gives logits; outputs are their sigmoid), 'mse', or 'multinomial' (softmax outputs)" }),
});

/**
 * The layers plug-in.
 *
 * @example
 * import { Autoencoder, registerVariant } from '@hourglass/core';
 * registerVariant(layers);
 * const model = Autoencoder.create({
 *   inputShape: [784],
 *   variants: [{ name: 'layers', config: { loss: 'bce', encoder: [{ type: 'dense', units: 32, activation: 'relu' }], decoder: [{ type: 'dense', units: 784 }] } }],
 * });
 */
export const layers = defineVariant({
  name: 'layers',
  version: '0.1.0',
  role: 'architecture',
  description: 'An encoder and a decoder given as explicit layer lists (hand-designed or imported networks).',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg) => specs(cfg.encoder, 'encoder'),
  decoder: (cfg) => specs(cfg.decoder, 'decoder'),
  predictor: (cfg) => specs(cfg.predictor ?? cfg.decoder, cfg.predictor ? 'predictor' : 'decoder'),
});
