import { describe, expect, it } from 'vitest';
import { Autoencoder, fitGlobalMean, fitItemMean, rmse, tf, train } from '@hourglass/core';
import { variantContractSuite } from '@hourglass/core/testing';
import { splitRatings, syntheticRatings, type Interactions } from '@hourglass/data';
import { autorec } from '../src/index.js';

variantContractSuite({
  variant: autorec,
  config: { hidden: 6 },
  badConfigs: [{ config: { hidden: 0 }, message: 'variant "autorec".hidden: expected an integer >= 1, got 0' }],
});
variantContractSuite({ variant: autorec, config: { hidden: 5 }, inputShape: [4, 3] });

describe('autorec', () => {
  it('is one sigmoid hidden layer and an identity output, trained with MSE', () => {
    const m = Autoencoder.create({ inputShape: [30], variants: [{ name: 'autorec' }], seed: 1 });
    expect(m.encoder.layers.map((l) => [l.spec.activation, l.outputShape[0]])).toEqual([['sigmoid', 500]]);
    expect(m.decoder!.layers.map((l) => [l.spec.activation ?? 'linear', l.outputShape[0]])).toEqual([['linear', 30]]);
    expect(m.loss).toBe('mse');
    expect(m.parameterCount).toBe(30 * 500 + 500 + 500 * 30 + 30);
    m.dispose();
  });
});

/** Every row of `inter` as a dense block with its observed-entry mask. */
const block = (inter: Interactions) => inter.denseRows(Int32Array.from({ length: inter.users }, (_, u) => u));

describe('I-AutoRec on synthetic ratings', () => {
  it('predicts held-out ratings better than the global mean (RMSE), without leaking tensors', async () => {
    const { interactions } = syntheticRatings({ users: 300, items: 80, rank: 3, density: 0.15, sigma: 0.3, seed: 4 });
    const { train: trainSet, test } = splitRatings(interactions, { test: 0.1, seed: 2 });
    // Item-based: one row per item, its ratings by every user.
    const rows = trainSet.transpose();
    const { x, mask } = block(rows);
    const m = Autoencoder.create({ inputShape: [rows.items], variants: [{ name: 'autorec', config: { hidden: 40 } }], seed: 3 });
    const before = tf.memory().numTensors;
    const r = await train(m, { x, mask, n: rows.users, sampleShape: [rows.items] }, { epochs: 150, batchSize: 16, seed: 1, optimizer: { learningRate: 0.01, weightDecay: 1e-4 } });
    const input = tf.tensor2d(x, [rows.users, rows.items]);
    const out = m.reconstruct(input);
    const predicted = out.dataSync();
    tf.dispose([input, out]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
    // The test ratings: user u, item i sits at row i, column u of the item-based block.
    const t = test.asSparseRows();
    const users: number[] = [];
    const items: number[] = [];
    for (let u = 0; u < t.rows; u++) for (let e = t.rowStart[u]; e < t.rowStart[u + 1]; e++) (users.push(u), items.push(t.columnIndex[e]));
    const autorecRmse = rmse(Float64Array.from(users, (u, k) => Math.min(5, Math.max(1, predicted[items[k] * rows.items + u]))), t.values);
    const meanRmse = rmse(fitGlobalMean(trainSet.asSparseRows()).predict(users, items), t.values);
    const itemMeanRmse = rmse(fitItemMean(trainSet.asSparseRows()).predict(users, items), t.values);
    console.log(`I-AutoRec RMSE ${autorecRmse.toFixed(4)}, global mean ${meanRmse.toFixed(4)}, item mean ${itemMeanRmse.toFixed(4)} (${t.values.length} test ratings); loss ${r.history[0].loss.toFixed(4)} -> ${r.history[r.history.length - 1].loss.toFixed(4)}`);
    expect(autorecRmse).toBeLessThan(meanRmse);
  });
});
