/**
 * The architectures every export format is tested on: one small model per
 * kind of layer a built-in variant produces (dense with every activation,
 * convolutions with pooling, upsampling, transposed convolutions and
 * cropping, a VAE, LSTM and GRU with a bidirectional encoder, temporal
 * convolutions with dropout and cropping, Mult-VAE with its L2
 * normalisation and softmax, and a forecaster's predictor). Weights are
 * seeded, and biases are set away from zero so that a bias dropped or
 * misplaced by an exporter shows in the outputs.
 */
import { Autoencoder, registerVariant, tf, type ModelRecipe } from '@hourglass/core';
import { convolutional } from '@hourglass/variant-convolutional';
import { multVaeArchitecture as multVae } from '@hourglass/variant-mult-vae';
import { recurrent } from '@hourglass/variant-recurrent';
import { temporalConv } from '@hourglass/variant-temporal-conv';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { variational } from '@hourglass/variant-variational';
import { layers } from '@hourglass/variant-layers';
import type { ExportPart } from '../src/index.js';

for (const v of [undercomplete, convolutional, recurrent, temporalConv, multVae, variational, layers]) registerVariant(v);

/** One test architecture: its recipe and the parts it exports. */
export interface Architecture {
  name: string;
  recipe: ModelRecipe;
  parts: ExportPart[];
}

const dense = (config: Record<string, unknown>) => [{ name: 'undercomplete', config: { latent: 3, hidden: [8], ...config } }];

export const ARCHITECTURES: Architecture[] = [
  { name: 'dense (bce, relu)', recipe: { inputShape: [12], variants: dense({}), seed: 1 }, parts: ['autoencoder', 'encoder', 'decoder'] },
  { name: 'dense (mse, leakyRelu, elu)', recipe: { inputShape: [12], variants: dense({ activation: 'leakyRelu', codeActivation: 'elu', loss: 'mse' }), seed: 2 }, parts: ['autoencoder'] },
  { name: 'dense (mse, tanh, softplus, sigmoid)', recipe: { inputShape: [12], variants: dense({ hidden: [8, 6], activation: 'tanh', codeActivation: 'softplus', loss: 'mse' }), seed: 3 }, parts: ['autoencoder'] },
  { name: 'dense on images (flatten, reshape)', recipe: { inputShape: [4, 3, 1], variants: dense({}), seed: 4 }, parts: ['autoencoder'] },
  {
    name: 'conv (maxpool, nearest upsampling, crop)',
    recipe: { inputShape: [7, 7, 1], variants: [{ name: 'convolutional', config: { filters: [4, 2] } }], seed: 5 },
    parts: ['autoencoder', 'encoder', 'decoder'],
  },
  {
    name: 'conv (strided, transposed, dense code)',
    recipe: { inputShape: [8, 8, 2], variants: [{ name: 'convolutional', config: { filters: [4, 3], downsample: 'strided', upsample: 'transpose', latent: 5, loss: 'mse' } }], seed: 6 },
    parts: ['autoencoder', 'encoder', 'decoder'],
  },
  { name: 'VAE', recipe: { inputShape: [10], variants: [...dense({ latent: 8 }), { name: 'variational', config: { latent: 2 } }], seed: 7 }, parts: ['autoencoder', 'encoder', 'decoder'] },
  { name: 'LSTM (bidirectional encoder)', recipe: { inputShape: [6, 2], variants: [{ name: 'recurrent', config: { units: [5, 4], bidirectional: true } }], seed: 8 }, parts: ['autoencoder', 'encoder'] },
  { name: 'GRU (dense code)', recipe: { inputShape: [5, 3], variants: [{ name: 'recurrent', config: { cell: 'gru', units: [4], latent: 3 } }], seed: 9 }, parts: ['autoencoder', 'decoder'] },
  { name: 'temporal conv (conv1d, transposed, crop, dropout)', recipe: { inputShape: [11, 2], variants: [{ name: 'temporal-conv', config: { filters: [4, 3], kernelSize: 3 } }], seed: 10 }, parts: ['autoencoder', 'encoder'] },
  { name: 'Mult-VAE (l2Normalize, softmax)', recipe: { inputShape: [15], variants: [{ name: 'mult-vae', config: { hidden: [6], latent: 4 } }], seed: 11 }, parts: ['autoencoder', 'encoder'] },
  {
    name: 'forecaster (LSTM predictor)',
    recipe: { inputShape: [6, 1], variants: [{ name: 'recurrent', config: { units: [4] } }], target: { shape: [3, 1], objective: 'predict' }, seed: 12 },
    parts: ['predictor', 'encoder'],
  },
];

/**
 * Builds `arch` and moves every bias (and, for an LSTM, every weight) a
 * little away from its initial value with a seeded perturbation, so that
 * zero biases cannot hide a misplaced one.
 *
 * @example
 * const model = buildArchitecture(ARCHITECTURES[0]);
 */
export function buildArchitecture(arch: Architecture): Autoencoder {
  const model = Autoencoder.create(arch.recipe);
  model.weights.forEach((w, i) =>
    tf.tidy(() => w.variable.assign(tf.add(w.variable, tf.randomUniform(w.variable.shape, -0.3, 0.3, 'float32', 1000 + i)))),
  );
  return model;
}

/**
 * A seeded input batch of `n` samples for `shape`: in [0, 1], as counts for a multinomial model.
 *
 * @example
 * const x = sampleInput(model, 4);
 */
export function sampleInput(model: Autoencoder, n: number, seed = 42): tf.Tensor {
  return tf.tidy(() => {
    const u = tf.randomUniform([n, ...model.recipe.inputShape], 0, 1, 'float32', seed);
    return model.loss === 'multinomial' ? tf.floor(tf.mul(u, 3)) : u;
  });
}

/**
 * What the exported network of `part` must give for `x`, from Hourglass itself.
 *
 * @example
 * const expected = expectedOutput(model, 'encoder', x);
 */
export function expectedOutput(model: Autoencoder, part: ExportPart, x: tf.Tensor): tf.Tensor {
  if (part === 'encoder') return model.encode(x);
  if (part === 'decoder') return model.decode(x);
  if (part === 'predictor') return model.predict(x);
  return model.reconstruct(x);
}

/**
 * The input batch of `part`: data, or (for the decoder) codes.
 *
 * @example
 * const input = partInput(model, 'decoder', 4);
 */
export function partInput(model: Autoencoder, part: ExportPart, n: number): tf.Tensor {
  return part === 'decoder' ? tf.randomNormal([n, ...model.codeShape], 0, 1, 'float32', 7) : sampleInput(model, n);
}
