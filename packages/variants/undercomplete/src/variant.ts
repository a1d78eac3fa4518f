/**
 * The undercomplete (deep dense) autoencoder: dense layers narrowing to a
 * code and widening back. Inputs of any shape are flattened first and the
 * output is reshaped back. With the defaults it is the classic Keras deep
 * autoencoder, 784-128-64-32-64-128-784 with ReLU and a sigmoid output.
 */
import { ACTIVATIONS, INITIALIZERS, RECONSTRUCTION_LOSSES, defineVariant, s, type LayerSpec } from '@hourglass/core';

const options = s.object({
  latent: s.int({ min: 1, default: 32, doc: 'code size (bottleneck width)' }),
  hidden: s.array(s.int({ min: 1 }), { default: [128, 64], doc: 'encoder layer widths, outermost first; the decoder mirrors them' }),
  activation: s.enum(ACTIVATIONS, { default: 'relu', doc: 'hidden-layer activation' }),
  codeActivation: s.enum(ACTIVATIONS, { default: 'relu', doc: 'activation of the code layer' }),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'bce', doc: 'bce for inputs in [0, 1], mse otherwise' }),
  kernelInitializer: s.enum(INITIALIZERS, { default: 'glorotUniform' }),
});

const warned = new Set<string>();

/**
 * Warns (once per process and message, on the console) when the code is not
 * smaller than the input: such a model can learn to copy its input and
 * compresses nothing. Building a model runs the encoder recipe more than
 * once (to size it first), hence the once.
 */
function warnIfNotUndercomplete(latent: number, inputSize: number): void {
  if (latent < inputSize) return;
  const message = `undercomplete: the code (latent ${latent}) is not smaller than the input (${inputSize} values), so the model can learn to copy its input and compresses nothing; use a latent below ${inputSize}, or add a regularizer such as "sparse", "denoising" or "contractive"`;
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`warning: ${message}`);
}

/**
 * The undercomplete architecture plug-in.
 *
 * @example
 * import { Autoencoder, registerVariant } from '@hourglass/core';
 * import { undercomplete } from '@hourglass/variant-undercomplete';
 * registerVariant(undercomplete);
 * const model = Autoencoder.create({ inputShape: [784], variants: [{ name: 'undercomplete', config: { latent: 16, hidden: [256] } }] });
 */
export const undercomplete = defineVariant({
  name: 'undercomplete',
  version: '0.1.0',
  role: 'architecture',
  description: 'Dense encoder and decoder around a narrow code (the deep autoencoder baseline).',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => {
    warnIfNotUndercomplete(cfg.latent, inputShape.reduce((a, b) => a * b, 1));
    const layers: LayerSpec[] = inputShape.length > 1 ? [{ type: 'flatten' }] : [];
    for (const units of cfg.hidden)
      layers.push({ type: 'dense', units, activation: cfg.activation, kernelInitializer: cfg.kernelInitializer });
    layers.push({ type: 'dense', units: cfg.latent, activation: cfg.codeActivation, kernelInitializer: cfg.kernelInitializer });
    return layers;
  },
  decoder: (cfg, { inputShape, codeShape }) => {
    const layers: LayerSpec[] = codeShape.length > 1 ? [{ type: 'flatten' }] : [];
    for (const units of [...cfg.hidden].reverse())
      layers.push({ type: 'dense', units, activation: cfg.activation, kernelInitializer: cfg.kernelInitializer });
    const size = inputShape.reduce((a, b) => a * b, 1);
    layers.push({ type: 'dense', units: size, activation: 'linear', kernelInitializer: cfg.kernelInitializer });
    if (inputShape.length > 1) layers.push({ type: 'reshape', shape: [...inputShape] });
    return layers;
  },
});
