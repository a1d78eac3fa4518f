import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, train, DivergedError, type Autoencoder, type TrainEvent } from '../src/index.js';
import { registerTestVariants, unregisterTestVariants, values } from './helpers.js';
import { make, structured, weightsOf } from './train-fixtures.js';

beforeAll(registerTestVariants);
afterAll(unregisterTestVariants);

const finite = (xs: number[]) => xs.every(Number.isFinite);
const reconstructs = (m: Autoencoder, data: ReturnType<typeof structured>) => {
  const x = tf.tensor(data.x, [data.n, 8]);
  const r = m.reconstruct(x);
  const out = values(r);
  tf.dispose([x, r]);
  return out;
};
/** A listener that, after the last batch of `epoch`, sets the first weight to `value`, as a last update gone wrong would. */
const breakWeightsAfter = (m: Autoencoder, epoch: number, batches: number, value = Number.NaN) => (e: TrainEvent) => {
  if (e.type === 'batch' && e.epoch === epoch && e.batch === batches) tf.tidy(() => m.weights[0].variable.assign(tf.fill(m.weights[0].variable.shape, value)));
};

describe('divergence', () => {
  it('a huge learning rate ends with finite weights, or in DivergedError, and a model that reconstructs finitely', async () => {
    const data = structured(64);
    const before = tf.memory().numTensors;
    // Several batches an epoch: the loss overflows within epoch 1, so no epoch is good.
    const first = make();
    const start = weightsOf(first);
    const run = train(first, data, { epochs: 5, batchSize: 16, optimizer: { name: 'sgd', learningRate: 1e38 } });
    await expect(run).rejects.toThrow(DivergedError);
    await expect(run).rejects.toThrow(/^the loss became NaN in epoch 1 \(by batch 4\), before any epoch ended with finite weights \(the model keeps the weights it started with\); lower the learning rate \(learningRate: 1e\+37\) or clip gradients \(clipNorm: 1\)$/);
    expect(weightsOf(first)).toEqual(start);
    expect(finite(reconstructs(first, data))).toBe(true);
    first.dispose();
    // One batch an epoch: epoch 1 ends with huge but finite weights, epoch 2 overflows.
    const second = make();
    const r = await train(second, data, { epochs: 5, batchSize: 64, optimizer: { name: 'adam', learningRate: 1e38 } });
    expect(r).toMatchObject({ stopReason: 'diverged', bestEpoch: 0, epochsRun: 1 });
    expect(r.message).toBe('the loss became Infinity in epoch 2 (by batch 1); kept the weights of epoch 1, the last good one; lower the learning rate (learningRate: 1e+37) or clip gradients (clipNorm: 1)');
    expect(finite(weightsOf(second).flat())).toBe(true);
    expect(finite(reconstructs(second, data))).toBe(true);
    second.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
  it('checks the weights after the last update of an epoch, not only the loss', async () => {
    const data = structured(64);
    const m = make();
    const kept: number[][][] = [];
    const r = await train(m, data, {
      epochs: 5,
      batchSize: 16,
      optimizer: { learningRate: 0.01 },
      onEvent: (e) => {
        if (e.type === 'epoch') kept.push(weightsOf(m));
        breakWeightsAfter(m, 2, 4)(e);
      },
    });
    expect(r.stopReason).toBe('diverged');
    expect(r.message).toMatch(/^the weights became NaN or Inf in epoch 3; kept the weights of epoch 2, the last good one; lower the learning rate \(learningRate: 0\.001\)/);
    expect(r.bestEpoch).toBe(1);
    expect(r.history.map((h) => h.epoch)).toEqual([0, 1]);
    expect(weightsOf(m)).toEqual(kept[1]);
    expect(finite(reconstructs(m, data))).toBe(true);
    m.dispose();
  });
  it('treats a non-finite validation loss as divergence', async () => {
    const m = make();
    const r = await train(m, structured(64), { epochs: 4, batchSize: 16, validation: structured(16, 5), onEvent: breakWeightsAfter(m, 1, 4, Infinity) });
    // Inf weights give a NaN validation loss; the run keeps epoch 1.
    expect(r.stopReason).toBe('diverged');
    expect(r.bestEpoch).toBe(0);
    expect(finite(weightsOf(m).flat())).toBe(true);
    m.dispose();
  });
  it('with early stopping, a diverged run restores the best epoch', async () => {
    const m = make();
    let bestSeen: number[][] = [];
    const r = await train(m, structured(64), {
      epochs: 6,
      batchSize: 16,
      validation: structured(16, 5),
      earlyStopping: { patience: 10 },
      onEvent: (e) => {
        if (e.type === 'epoch' && e.best) bestSeen = weightsOf(m);
        breakWeightsAfter(m, 3, 4)(e);
      },
    });
    expect(r.stopReason).toBe('diverged');
    expect(r.message).toMatch(/restored the weights of epoch \d/);
    expect(weightsOf(m)).toEqual(bestSeen);
    m.dispose();
  });
  it('diverging in the first epoch throws DivergedError and keeps the starting weights', async () => {
    const m = make();
    const start = weightsOf(m);
    await expect(train(m, structured(64), { epochs: 3, batchSize: 16, onEvent: breakWeightsAfter(m, 0, 4) })).rejects.toThrow(
      'the weights became NaN or Inf in epoch 1, before any epoch ended with finite weights',
    );
    expect(weightsOf(m)).toEqual(start);
    m.dispose();
  });
  it('a NaN loss read during an epoch (logEvery) stops the run', async () => {
    const m = make();
    const start = weightsOf(m);
    await expect(train(m, structured(64), { epochs: 2, batchSize: 16, logEvery: 1, optimizer: { name: 'sgd', learningRate: 1e30 } })).rejects.toThrow(
      /the loss became (NaN|Infinity) in epoch 1 \(by batch \d\), before any epoch/,
    );
    expect(weightsOf(m)).toEqual(start);
    m.dispose();
  });
});
