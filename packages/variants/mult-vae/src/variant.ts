/**
 * Mult-VAE and Mult-DAE (Liang et al. 2018, "Variational Autoencoders for
 * Collaborative Filtering"): the architecture of the paper as a plug-in,
 * rows of clicks (users x items) in, a softmax over the items out.
 *
 *   encoder: L2-normalise the row -> dense 600 tanh [-> dense 200 tanh]
 *   decoder: code -> dense 600 tanh -> dense items (logits)
 *   loss:    multinomial (core's `multinomialFromLogits`)
 *
 * The paper's two models differ only in what sits between encoder and
 * decoder, so they are this one architecture composed with core's existing
 * plug-ins rather than two new ones:
 *
 * - Mult-DAE: the encoder ends in its own 200-unit tanh code (`latent`),
 *   and the "denoising" corruption with `noise: 'masking', rate: 0.5` is the
 *   input dropout.
 * - Mult-VAE: `latent: 0`, so the encoder ends at 600 features and the
 *   "variational" latent's mean and log-variance heads make the 200-d code;
 *   its `anneal` and `beta` options are the paper's total_anneal_steps and
 *   anneal_cap (KL annealing). The same masking is the dropout.
 *
 * `multDae()` and `multVae()` give these variant lists. One difference from
 * the paper's code: it normalises the row and then applies dropout (scaling
 * the kept entries by 2), while here the mask comes first (a corruption acts
 * on the batch before the encoder) and the normalisation second, so the
 * encoder always sees a row of norm 1, in training as at inference. The two
 * differ by a per-row scale only.
 */
import { ACTIVATIONS, RECONSTRUCTION_LOSSES, defineVariant, s, type LayerSpec, type VariantChoice } from '@hourglass/core';

const options = s.object({
  hidden: s.array(s.int({ min: 1 }), { default: [600], doc: 'encoder layer widths after the normalisation, outermost first; the decoder mirrors them' }),
  latent: s.int({ min: 0, default: 200, doc: 'width of the encoder\'s own code layer (Mult-DAE); 0: none, the latent plug-in makes the code (Mult-VAE)' }),
  activation: s.enum(ACTIVATIONS, { default: 'tanh', doc: 'hidden-layer and code activation' }),
  normalize: s.boolean({ default: true, doc: 'L2-normalise each input row before the encoder' }),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'multinomial', doc: 'multinomial for clicks or counts (the paper\'s choice); bce or mse for its logistic and Gaussian likelihoods' }),
});

/**
 * The Mult-VAE / Mult-DAE architecture plug-in.
 *
 * @example
 * registerVariant(multVaeArchitecture);
 * const dae = Autoencoder.create({ inputShape: [items], variants: multDae(), seed: 1 });
 */
export const multVaeArchitecture = defineVariant({
  name: 'mult-vae',
  version: '0.1.0',
  role: 'architecture',
  description: 'Mult-VAE / Mult-DAE for clicks (Liang et al. 2018): L2-normalised rows, tanh layers, multinomial likelihood.',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => {
    const layers: LayerSpec[] = inputShape.length > 1 ? [{ type: 'flatten' }] : [];
    if (cfg.normalize) layers.push({ type: 'l2Normalize' });
    for (const units of cfg.hidden) layers.push({ type: 'dense', units, activation: cfg.activation });
    if (cfg.latent > 0) layers.push({ type: 'dense', units: cfg.latent, activation: cfg.activation });
    return layers;
  },
  decoder: (cfg, { inputShape, codeShape }) => {
    const layers: LayerSpec[] = codeShape.length > 1 ? [{ type: 'flatten' }] : [];
    for (const units of [...cfg.hidden].reverse()) layers.push({ type: 'dense', units, activation: cfg.activation });
    layers.push({ type: 'dense', units: inputShape.reduce((a, b) => a * b, 1) });
    if (inputShape.length > 1) layers.push({ type: 'reshape', shape: [...inputShape] });
    return layers;
  },
});

/** Sizes and training options of the paper's models; every field has the paper's default. */
export interface MultOptions {
  /** Encoder widths before the code (default [600]). */
  hidden?: number[];
  /** Code size (default 200). */
  latent?: number;
  /** Input dropout rate, as masking (default 0.5). */
  dropout?: number;
  /** The architecture's likelihood: 'multinomial' (default), 'bce' or 'mse'. */
  loss?: string;
}

/** Options of `multVae`: the sizes plus the KL schedule. */
export interface MultVaeOptions extends MultOptions {
  /** KL weight cap, the paper's anneal_cap (default 0.2). */
  beta?: number;
  /** Steps for the KL weight to rise from 0 to `beta`, the paper's total_anneal_steps (default 200000). */
  anneal?: number;
}

/** The architecture's choice: its widths, its own code layer (0 for none) and the loss when one is given. */
const architecture = (o: MultOptions, latent: number): VariantChoice => ({
  name: 'mult-vae',
  config: { hidden: o.hidden ?? [600], latent, ...(o.loss !== undefined && { loss: o.loss }) },
});

const dropoutChoice = (rate: number): VariantChoice[] => (rate > 0 ? [{ name: 'denoising', config: { noise: 'masking', rate } }] : []);

/**
 * The variants of Mult-DAE: this architecture with its own tanh code, and masking as the input dropout.
 * Needs "denoising" registered.
 *
 * @example
 * const m = Autoencoder.create({ inputShape: [items], variants: multDae({ latent: 64 }), seed: 1 });
 */
export function multDae(o: MultOptions = {}): VariantChoice[] {
  return [architecture(o, o.latent ?? 200), ...dropoutChoice(o.dropout ?? 0.5)];
}

/**
 * The variants of Mult-VAE: this architecture without a code layer, masking
 * as the input dropout, and the "variational" latent with KL annealing.
 * Needs "denoising" and "variational" registered.
 *
 * @example
 * const m = Autoencoder.create({ inputShape: [items], variants: multVae({ anneal: 20000 }), seed: 1 });
 */
export function multVae(o: MultVaeOptions = {}): VariantChoice[] {
  return [
    architecture(o, 0),
    ...dropoutChoice(o.dropout ?? 0.5),
    { name: 'variational', config: { latent: o.latent ?? 200, beta: o.beta ?? 0.2, anneal: o.anneal ?? 200000 } },
  ];
}
