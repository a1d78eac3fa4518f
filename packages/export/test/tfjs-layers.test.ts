import * as tfjs from '@tensorflow/tfjs';
import { Autoencoder, registerVariant, tf } from '@hourglass/core';
import { undercomplete } from '@hourglass/variant-undercomplete';
import { describe, expect, it } from 'vitest';
import { portableNetwork, tfjsLayersArtifacts } from '../src/index.js';

registerVariant(undercomplete);

describe('tfjs-layers', () => {
  it('dense', async () => {
    const model = Autoencoder.create({ inputShape: [12], variants: [{ name: 'undercomplete', config: { latent: 3, hidden: [8] } }], seed: 1 });
    const art = tfjsLayersArtifacts(portableNetwork(model));
    const loaded = await tfjs.loadLayersModel(tfjs.io.fromMemory(art));
    const x = tf.randomUniform([5, 12], 0, 1, 'float32', 3);
    const a = model.reconstruct(x);
    const b = loaded.predict(x) as tf.Tensor;
    console.log(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
  });
});
