import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf, train, evaluate, scoreAll, predictAll, saveModel, loadModel, ConfigError, ModelFileError, ShapeError, type StreamData } from '../src/index.js';
import { fingerprintData } from '../src/train/fingerprint.js';
import { useTestVariantsAndDir, values } from './helpers.js';
import { makeTargetModel, sines } from './target-fixtures.js';

let dir: string;
useTestVariantsAndDir('hourglass-targets-train-', (d) => (dir = d));

/** Mean squared error of predictions against targets. */
const mseOf = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length;

describe('training with targets', () => {
  it('a composite model learns to reconstruct and to predict: both terms fall, and it beats predicting zeros', async () => {
    const m = makeTargetModel('composite', 2);
    const data = sines(512, 1);
    const test = sines(128, 2);
    const r = await train(m, data, { epochs: 30, batchSize: 32, seed: 1, optimizer: { learningRate: 0.01 }, validation: test });
    const first = r.history[0].terms;
    const last = r.history[r.history.length - 1].terms;
    expect(Object.keys(last).sort()).toEqual(['prediction', 'reconstruction']);
    expect(last.reconstruction).toBeLessThan(first.reconstruction * 0.5);
    expect(last.prediction).toBeLessThan(first.prediction * 0.5);
    const predicted = await predictAll(m, test);
    expect(predicted.length).toBe(128 * 2);
    const zeros = mseOf(new Float32Array(test.y.length), test.y);
    expect(mseOf(predicted, test.y)).toBeLessThan(zeros * 0.3);
    // evaluate (the validation loss) is the reconstruction plus the weighted prediction error.
    const recon = (await scoreAll(m, test)).reduce((a, b) => a + b, 0) / 128;
    expect(await evaluate(m, test)).toBeCloseTo(recon + mseOf(predicted, test.y), 4);
    expect(r.history[r.history.length - 1].valLoss).toBeCloseTo(await evaluate(m, test), 5);
    m.dispose();
  });
  it("a 'predict' model scores by its prediction error against the data's y", async () => {
    const m = makeTargetModel('predict', 3);
    const data = sines(256, 3);
    const r = await train(m, data, { epochs: 5, batchSize: 32, seed: 1, optimizer: { learningRate: 0.01 } });
    expect(Object.keys(r.history[0].terms)).toEqual(['prediction']);
    const scores = await scoreAll(m, data);
    const predicted = await predictAll(m, data);
    const perSample = Array.from({ length: 256 }, (_, i) => mseOf(predicted.subarray(i * 2, i * 2 + 2), data.y.subarray(i * 2, i * 2 + 2)));
    scores.forEach((s, i) => expect(s).toBeCloseTo(perSample[i], 5));
    expect(await evaluate(m, data)).toBeCloseTo(mseOf(predicted, data.y), 5);
    m.dispose();
  });
  it('refuses data without targets for a model with a target, naming the data and the target shape', async () => {
    const m = makeTargetModel('composite');
    const { y: _, targetShape: __, ...noTargets } = sines(16);
    const err = await train(m, noTargets, { epochs: 1 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      'training data "sines" has no targets y, but the model predicts a target of shape [2, 1]; give data with y (e.g. windows with a horizon), or build the model without a target',
    );
    await expect(train(m, sines(16), { epochs: 1, validation: noTargets })).rejects.toThrow(/validation data "sines" has no targets y/);
    const { y, ...wrongShape } = sines(16);
    await expect(train(m, { ...wrongShape, y, targetShape: [1, 2] }, { epochs: 1 })).rejects.toThrow(ShapeError);
    await expect(train(m, { ...wrongShape, y: y.subarray(1) }, { epochs: 1 })).rejects.toThrow(/training data: y holds 31 values, expected n \* 2 = 32/);
    const bad = sines(16);
    bad.y[5] = Number.NaN;
    await expect(train(m, bad, { epochs: 1 })).rejects.toThrow(/training data: target of sample 2, entry 1 is NaN; targets must be finite/);
    const stream: StreamData = {
      sampleShape: [8, 1],
      name: 'stream',
      async *batches() {
        yield { x: noTargets.x, n: 16 };
      },
    };
    await expect(train(m, stream, { epochs: 1 })).rejects.toThrow(/training data "stream": a batch carries no targets y, but the model predicts a target of shape \[2, 1\]/);
    m.dispose();
  });
  it('the data fingerprint of a checkpoint covers the targets, so a resume on other targets is refused', () => {
    const data = sines(16);
    const other = { ...data, y: data.y.map((v) => v + 1) };
    const { y: _, targetShape: __, ...plain } = data;
    expect(fingerprintData(data)).toEqual(fingerprintData(sines(16)));
    expect(fingerprintData(other).crc).not.toBe(fingerprintData(data).crc);
    expect(fingerprintData(plain).crc).not.toBe(fingerprintData(data).crc);
  });
  it('a model without a target trains on data with targets as before, ignoring them', async () => {
    const { Autoencoder } = await import('../src/index.js');
    const make = () => Autoencoder.create({ inputShape: [8, 1], variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16, loss: 'mse' } }], seed: 1 });
    const a = make();
    const b = make();
    const withY = sines(64);
    const { y: _, targetShape: __, ...withoutY } = withY;
    await train(a, withY, { epochs: 2, batchSize: 16, seed: 3 });
    await train(b, withoutY, { epochs: 2, batchSize: 16, seed: 3 });
    a.weights.forEach((w, i) => expect(values(w.variable)).toEqual(values(b.weights[i].variable)));
    expect(await scoreAll(a, withY)).toEqual(await scoreAll(a, withoutY));
    [a, b].forEach((x) => x.dispose());
  });
});

describe('saving a model with a target', () => {
  it.each(['predict', 'composite'] as const)('a %s model round-trips with its predictor: equal outputs', async (objective) => {
    const m = makeTargetModel(objective, 4, 0.25);
    await train(m, sines(64), { epochs: 1, batchSize: 16 });
    const path = join(dir, objective);
    await saveModel(m, path);
    const loaded = await loadModel(path);
    expect(loaded.recipe).toEqual(m.recipe);
    expect(loaded.recipe.target).toEqual({ shape: [2, 1], objective, weight: 0.25 });
    expect(loaded.weights.map((w) => w.name)).toEqual(m.weights.map((w) => w.name));
    const { x, y } = sines(6, 9);
    const xt = tf.tensor(x, [6, 8, 1]);
    const yt = tf.tensor(y, [6, 2, 1]);
    expect(values(loaded.predict(xt))).toEqual(values(m.predict(xt)));
    expect(values(loaded.score(xt, yt))).toEqual(values(m.score(xt, yt)));
    if (objective === 'composite') expect(values(loaded.reconstruct(xt))).toEqual(values(m.reconstruct(xt)));
    else expect(loaded.decoder).toBeUndefined();
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    expect(json.architecture.predictor.map((l: { type: string }) => l.type)).toEqual(['dense', 'dense', 'reshape']);
    expect('decoder' in json.architecture).toBe(objective === 'composite');
    [m, loaded].forEach((a) => a.dispose());
  });
  it.each([
    ['a bad target shape', (t: Record<string, unknown>) => (t.shape = [2, -1]), /cannot rebuild the model: target\.shape: expected a non-empty array of positive integers, got \[2,-1\]/],
    ['an unknown objective', (t: Record<string, unknown>) => (t.objective = 'both'), /cannot rebuild the model: target\.objective/],
    ['a huge target', (t: Record<string, unknown>) => (t.shape = [50_000_000, 1]), /its recipe builds more than the weights manifest declares .* weight "predictor\/dense_1\/kernel" \[16, 50000000\] is beyond that/],
    ['another target shape', (t: Record<string, unknown>) => (t.shape = [1, 1]), /weight \d+ is "predictor\/dense_1\/kernel" \[16, 2\] but the rebuilt model expects "predictor\/dense_1\/kernel" \[16, 1\]/],
  ])('a hostile model.json with %s is refused with a clear error', async (_name, edit, message) => {
    const m = makeTargetModel('composite', 5);
    const path = join(dir, `hostile-${_name.replace(/ /g, '-')}`);
    await saveModel(m, path);
    m.dispose();
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    edit(json.recipe.target);
    await writeFile(join(path, 'model.json'), JSON.stringify(json));
    const before = tf.memory().numTensors;
    const started = performance.now();
    const err = await loadModel(path).catch((e: Error) => e);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
