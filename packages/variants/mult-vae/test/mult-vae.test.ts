import { describe, expect, it } from 'vitest';
import { Autoencoder, fitPopularity, recallAtK, registerVariant, tf, train, type Tensor } from '@hourglass/core';
import { variantContractSuite } from '@hourglass/core/testing';
import { splitUsers, syntheticImplicit, type Interactions } from '@hourglass/data';
import { denoising } from '@hourglass/variant-denoising';
import { variational } from '@hourglass/variant-variational';
import { multDae, multVae, multVaeArchitecture } from '../src/index.js';

registerVariant(denoising);
registerVariant(variational);

variantContractSuite({
  variant: multVaeArchitecture,
  config: { hidden: [12], latent: 4 },
  badConfigs: [
    { config: { latent: -1 }, message: /latent: expected an integer >= 0, got -1/ },
    { config: { loss: 'l1' }, message: /loss: expected one of "bce", "mse", "multinomial"/ },
  ],
});
variantContractSuite({ variant: multVaeArchitecture, config: { hidden: [12], latent: 0 }, with: [{ name: 'denoising', config: { noise: 'masking', rate: 0.5 } }, { name: 'variational', config: { latent: 3, beta: 0.2, anneal: 20 } }] });

const widths = (layers: readonly { type: string; outputShape: number[] }[]) => layers.filter((l) => l.type === 'dense').map((l) => l.outputShape[0]);

describe('mult-vae architecture', () => {
  it('is the paper\'s [items -> 600 -> 200 -> 600 -> items] with normalised input, tanh and the multinomial loss', () => {
    const dae = Autoencoder.create({ inputShape: [50], variants: multDae(), seed: 1 });
    expect(dae.encoder.layers.map((l) => l.spec.activation ?? l.type)).toEqual(['l2Normalize', 'tanh', 'tanh']);
    expect([widths(dae.encoder.layers), widths(dae.decoder!.layers)]).toEqual([[600, 200], [600, 50]]);
    expect(dae.loss).toBe('multinomial');
    expect(dae.recipe.variants.map((v) => v.name)).toEqual(['mult-vae', 'denoising']);
    dae.dispose();
    const vae = Autoencoder.create({ inputShape: [50], variants: multVae(), seed: 1 });
    expect(widths(vae.encoder.layers)).toEqual([600]);
    expect(vae.codeShape).toEqual([200]);
    expect(vae.recipe.variants[2].config).toEqual({ latent: 200, beta: 0.2, anneal: 200000 });
    vae.dispose();
  });
  it('outputs a distribution over the items per row, and refuses a residual model', () => {
    const m = Autoencoder.create({ inputShape: [10], variants: multDae({ hidden: [8], latent: 4 }), seed: 1 });
    const sums = tf.tidy(() => Array.from(tf.sum(m.reconstruct(tf.randomUniform([3, 10], 0, 1, 'float32', 2)), 1).dataSync()));
    sums.forEach((v) => expect(v).toBeCloseTo(1, 5));
    m.dispose();
    expect(() => Autoencoder.create({ inputShape: [10], variants: multDae({ hidden: [8], latent: 4 }), residual: true })).toThrow(
      "residual: the multinomial loss has no logits of its input to add a correction to (a count of 0 has none); drop residual or use loss 'bce' or 'mse'",
    );
  });
});

/** All rows of `inter` as a dense block. */
const dense = (inter: Interactions) => inter.denseRows(Int32Array.from({ length: inter.users }, (_, u) => u)).x;

describe('Mult-DAE and Mult-VAE on synthetic clicks', () => {
  const { interactions } = syntheticImplicit({ users: 400, items: 120, rank: 4, density: 0.06, seed: 11 });
  const split = splitUsers(interactions, { heldOut: 80, foldIn: 0.8, seed: 3 });
  const items = split.train.items;
  const heldOut = split.target.asSparseRows();
  const known = split.foldIn.asSparseRows();
  const recall = (scores: Float32Array) => recallAtK(scores, heldOut, 20, known).mean;
  const popularity = recall(fitPopularity(split.train.asSparseRows()).score(known));
  let state = 12345;
  const random = recall(Float32Array.from({ length: split.foldIn.users * items }, () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648)));

  const fit = async (variants: ReturnType<typeof multDae>) => {
    const m = Autoencoder.create({ inputShape: [items], variants, seed: 5 });
    const before = tf.memory().numTensors;
    const r = await train(m, { x: dense(split.train), n: split.train.users, sampleShape: [items] }, { epochs: 30, batchSize: 32, seed: 2, optimizer: { learningRate: 0.003 } });
    const x = tf.tensor2d(dense(split.foldIn), [split.foldIn.users, items]);
    const out = m.reconstruct(x) as Tensor;
    const scores = out.dataSync() as Float32Array;
    tf.dispose([x, out]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
    return { recall: recall(scores), first: r.history[0].loss, last: r.history[r.history.length - 1].loss };
  };

  it('Mult-DAE beats random and comes near popularity on held-out users (Recall@20)', async () => {
    const got = await fit(multDae({ hidden: [64], latent: 24 }));
    console.log(`Mult-DAE Recall@20 ${got.recall.toFixed(4)}, popularity ${popularity.toFixed(4)}, random ${random.toFixed(4)}; loss ${got.first.toFixed(4)} -> ${got.last.toFixed(4)}`);
    expect(got.last).toBeLessThan(got.first);
    expect(got.recall).toBeGreaterThan(2 * random);
    expect(got.recall).toBeGreaterThan(0.9 * popularity);
  });
  it('Mult-VAE (KL annealed over the run) beats random and comes near popularity', async () => {
    // 320 training users in batches of 32: 10 steps an epoch, 300 in the run.
    const got = await fit(multVae({ hidden: [64], latent: 24, beta: 0.2, anneal: 300 }));
    console.log(`Mult-VAE Recall@20 ${got.recall.toFixed(4)}, popularity ${popularity.toFixed(4)}, random ${random.toFixed(4)}; loss ${got.first.toFixed(4)} -> ${got.last.toFixed(4)}`);
    expect(got.recall).toBeGreaterThan(2 * random);
    expect(got.recall).toBeGreaterThan(0.9 * popularity);
  });
});
