import { describe, expect, it } from 'vitest';
import { tf, Autoencoder, ConfigError, ShapeError, recipeSize, iterateBatches, type StreamData } from '../src/index.js';
import { splitValidation } from '../src/train/data.js';
import { expectNoLeak, useTestVariantsAndDir, values } from './helpers.js';
import { makeTargetModel, sines } from './target-fixtures.js';

useTestVariantsAndDir('hourglass-targets-', () => {});

const names = (m: Autoencoder) => m.weights.map((w) => w.name);

describe('a model with a target', () => {
  it("'composite' has one encoder, a decoder and a predictor; the prediction term is weighted", () => {
    const m = makeTargetModel('composite', 1, 0.5);
    expect(m.hasPredictor).toBe(true);
    expect(m.recipe.target).toEqual({ shape: [2, 1], objective: 'composite', weight: 0.5 });
    expect(names(m).filter((n) => n.startsWith('predictor/'))).toEqual(['predictor/dense_0/kernel', 'predictor/dense_0/bias', 'predictor/dense_1/kernel', 'predictor/dense_1/bias']);
    expect(names(m).some((n) => n.startsWith('decoder/'))).toBe(true);
    expect(m.predictor!.outputShape).toEqual([2, 1]);
    expect(m.parameterCount).toBe(recipeSize(m.recipe).parameters);
    const { x, y } = sines(5);
    const xt = tf.tensor(x, [5, 8, 1]);
    const yt = tf.tensor(y, [5, 2, 1]);
    const r = m.step(xt, { seed: 1, y: yt });
    expect(Object.keys(r.terms).sort()).toEqual(['prediction', 'reconstruction']);
    const prediction = values(tf.mean(tf.squaredDifference(m.predict(xt), yt)))[0];
    expect(r.terms.prediction.dataSync()[0]).toBeCloseTo(0.5 * prediction, 5);
    expect(r.loss.dataSync()[0]).toBeCloseTo(r.terms.reconstruction.dataSync()[0] + r.terms.prediction.dataSync()[0], 5);
    expect(m.predict(xt).shape).toEqual([5, 2, 1]);
    expect(m.reconstruct(xt).shape).toEqual([5, 8, 1]);
    expect(values(m.score(xt, yt))).toEqual(values(m.score(xt)));
    m.dispose();
  });
  it("'predict' has no decoder: reconstruct and decode throw an error naming the objective", () => {
    const m = makeTargetModel('predict');
    expect(m.decoder).toBeUndefined();
    expect(names(m).some((n) => n.startsWith('decoder/'))).toBe(false);
    const x = tf.ones([3, 8, 1]);
    const y = tf.zeros([3, 2, 1]);
    expect(() => m.reconstruct(x)).toThrow(ConfigError);
    expect(() => m.reconstruct(x)).toThrow(/reconstruct: this model's objective is 'predict' \(target shape \[2, 1\]\): it has no reconstruction decoder/);
    expect(() => m.decode(tf.zeros([1, 4]))).toThrow(/decode: this model's objective is 'predict'/);
    expect(Object.keys(m.step(x, { seed: 1, y }).terms)).toEqual(['prediction']);
    expect(() => m.score(x)).toThrow(/score: this model predicts a target of shape \[2, 1\] \(objective 'predict'\) and needs the batch's targets y/);
    expect(values(m.score(x, y))).toEqual(values(tf.mean(tf.square(m.predict(x)), [1, 2])));
    // Targets given flat are reshaped; a wrong size is a ShapeError naming both shapes.
    expect(values(m.score(x, tf.zeros([3, 2])))).toEqual(values(m.score(x, y)));
    expect(() => m.score(x, tf.zeros([3, 3]))).toThrow(ShapeError);
    expect(() => m.score(x, tf.zeros([3, 3]))).toThrow(/expected targets y of shape \[3, 2, 1\] for 3 samples, got \[3, 3\]/);
    expect(() => m.step(x, { seed: 1 })).toThrow(/train: this model predicts a target of shape \[2, 1\]/);
    m.dispose();
  });
  it('without a target the model is unchanged: no predictor, no target in the recipe, predict explains', () => {
    const m = Autoencoder.create({ inputShape: [8, 1], variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16, loss: 'mse' } }], seed: 1 });
    expect(m.hasPredictor).toBe(false);
    expect(m.predictor).toBeUndefined();
    expect('target' in m.recipe).toBe(false);
    const x = tf.ones([2, 8, 1]);
    expect(Object.keys(m.step(x, { seed: 1 }).terms)).toEqual(['reconstruction']);
    expect(() => m.predict(x)).toThrow(/predict: this model has no target, it only reconstructs/);
    expect(() => m.score(x, tf.ones([2, 8, 1]))).toThrow(/this model has no target, so y is not used; pass the mask as the third argument/);
    const mask = tf.tensor3d([[[1], [0], [1], [1], [1], [1], [1], [1]], [[1], [1], [1], [1], [1], [1], [1], [0]]]);
    expect(m.score(x, undefined, mask).shape).toEqual([2]);
    // A target does not change the weights of the parts both models share.
    const c = makeTargetModel('composite');
    const shared = m.weights.map((w) => values(w.variable));
    expect(c.weights.slice(0, shared.length).map((w) => values(w.variable))).toEqual(shared);
    [m, c].forEach((a) => a.dispose());
  });
  it('an architecture may build its own predictor', async () => {
    const { defineVariant, registerVariant, unregisterVariant, s } = await import('../src/index.js');
    registerVariant(
      defineVariant({
        name: 'test-own-predictor',
        version: '1.0.0',
        role: 'architecture',
        description: 'a one-layer predictor',
        options: s.object({}),
        loss: () => 'mse',
        encoder: () => [{ type: 'flatten' }, { type: 'dense', units: 3 }],
        decoder: (_c, { inputShape }) => [{ type: 'dense', units: inputShape[0] * inputShape[1] }, { type: 'reshape', shape: inputShape }],
        predictor: (_c, { targetShape, codeShape }) => {
          expect(codeShape).toEqual([3]);
          return [{ type: 'dense', units: targetShape[0] * targetShape[1] }, { type: 'reshape', shape: targetShape }];
        },
      }),
    );
    const m = Autoencoder.create({ inputShape: [4, 2], variants: [{ name: 'test-own-predictor' }], target: { shape: [3, 2], objective: 'predict' } });
    expect(m.predictor!.layers.map((l) => l.type)).toEqual(['dense', 'reshape']);
    expect(m.predict(tf.ones([1, 4, 2])).shape).toEqual([1, 3, 2]);
    m.dispose();
    unregisterVariant('test-own-predictor');
  });
  it.each([
    [{ shape: [], objective: 'predict' }, /target\.shape: expected a non-empty array of positive integers, got \[\]/],
    [{ shape: [2, 0], objective: 'predict' }, /target\.shape: .* got \[2,0\]/],
    [{ shape: [2], objective: 'forecast' }, /target\.objective: expected one of predict, composite, got "forecast"/],
    [{ shape: [2], objective: 'composite', weight: -1 }, /target\.weight: expected a finite number >= 0, got -1/],
    [{ shape: [2], objective: 'composite', horizon: 3 }, /target: unknown field "horizon"/],
    ['next', /target: expected \{ shape, objective, weight\? \}, got "next"/],
  ])('a bad target %j is a ConfigError naming the field', (target, message) => {
    const before = tf.memory().numTensors;
    const create = () => Autoencoder.create({ inputShape: [4], variants: [{ name: 'test-dense' }], target: target as never });
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('counts the predictor in the size check', () => {
    const plain = recipeSize({ inputShape: [8, 1], variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16 } }] });
    const predict = recipeSize({ inputShape: [8, 1], variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16 } }], target: { shape: [2, 1], objective: 'predict' } });
    const composite = recipeSize({ inputShape: [8, 1], variants: [{ name: 'test-dense', config: { latent: 4, hidden: 16 } }], target: { shape: [2, 1], objective: 'composite' } });
    const predictor = 4 * 16 + 16 + 16 * 2 + 2;
    const decoder = 4 * 16 + 16 + 16 * 8 + 8;
    expect(composite.parameters).toBe(plain.parameters + predictor);
    expect(predict.parameters).toBe(plain.parameters - decoder + predictor);
    expect(() => Autoencoder.create({ inputShape: [4], variants: [{ name: 'test-dense' }], target: { shape: [100_000, 100], objective: 'composite' } }, { maxParameters: 1e6 })).toThrow(
      /the model would have [\d,]+ parameters .* more than the limit of 1,000,000/,
    );
  });
  it('leaks no tensors in step, predict, score and dataLoss, with and without targets', async () => {
    const m = makeTargetModel('composite');
    const p = makeTargetModel('predict');
    const { x, y } = sines(4);
    const xt = tf.tensor(x, [4, 8, 1]);
    const yt = tf.tensor(y, [4, 2, 1]);
    const flat = tf.tensor(y, [4, 2]);
    await expectNoLeak(() => {
      for (const model of [m, p]) {
        for (const targets of [yt, flat]) {
          const r = tf.tidy(() => {
            const out = model.step(xt, { seed: 2, y: targets });
            return [out.loss, ...Object.values(out.terms)];
          });
          tf.dispose(r);
          model.predict(xt).dispose();
          model.score(xt, targets).dispose();
          model.dataLoss(xt, targets).dispose();
          const grads = tf.variableGrads(() => model.step(xt, { seed: 3, y: targets }).loss, model.weights.map((w) => w.variable));
          tf.dispose([grads.value, ...Object.values(grads.grads)]);
        }
      }
      const wrong = tf.zeros([4, 5]);
      expect(() => p.score(xt, wrong)).toThrow(ShapeError);
      expect(() => m.step(xt, { seed: 1, y: wrong })).toThrow(ShapeError);
      wrong.dispose();
      m.reconstruct(xt).dispose();
    });
    [m, p].forEach((a) => a.dispose());
  });
});

describe('data with targets', () => {
  /** Data whose every target is twice its sample, so pairs can be checked in any order. */
  const doubled = (n: number) => {
    const x = Float32Array.from({ length: n * 3 }, (_, i) => i);
    return { x, y: x.map((v) => 2 * v), n, sampleShape: [3], targetShape: [3], name: 'doubled' };
  };
  const expectPairs = async (b: { x: tf.Tensor; y?: tf.Tensor }) => {
    expect(b.y!.shape).toEqual(b.x.shape);
    const twice = tf.mul(b.x, 2);
    expect(await b.y!.array()).toEqual(await twice.array());
    twice.dispose();
  };
  it('batches hold the targets of their own samples, shuffled in step with x', async () => {
    const data = doubled(50);
    const firstRows: number[] = [];
    await expectNoLeak(async () => {
      for await (const b of iterateBatches(data, 8, 7)) {
        await expectPairs(b);
        firstRows.push((await b.x.data())[0]);
        tf.dispose([b.x, b.y!]);
      }
    });
    expect(firstRows).not.toEqual([0, 24, 48, 72, 96, 120, 144]); // shuffled, not in order
  });
  it('targets without a shape are one row per sample', async () => {
    const { targetShape: _, ...data } = doubled(4);
    for await (const b of iterateBatches(data, 3)) {
      expect(b.y!.shape).toEqual([b.n, 3]);
      tf.dispose([b.x, b.y!]);
    }
  });
  it('the validation split keeps each target with its sample', async () => {
    const { train, validation } = splitValidation(doubled(40), 0.25, 3);
    for (const part of [train, validation]) {
      expect(part.targetShape).toEqual([3]);
      expect(Array.from(part.y!)).toEqual(Array.from(part.x).map((v) => 2 * v));
    }
    expect(validation.n).toBe(10);
  });
  it('streams may carry targets; a batch with the wrong number is a ShapeError', async () => {
    const stream = (y: (n: number, x: Float32Array) => Float32Array): StreamData => ({
      sampleShape: [2],
      targetShape: [1],
      async *batches() {
        const x = new Float32Array([1, 2, 3, 4]);
        yield { x, n: 2, y: y(2, x) };
      },
    });
    for await (const b of iterateBatches(stream(() => new Float32Array([3, 7])), 2)) {
      expect(b.y!.shape).toEqual([2, 1]);
      expect(values(b.y!)).toEqual([3, 7]);
      tf.dispose([b.x, b.y!]);
    }
    const read = async () => {
      for await (const b of iterateBatches(stream(() => new Float32Array([1, 2, 3])), 2)) tf.dispose([b.x, b.y!]);
    };
    await expect(read()).rejects.toThrow(/stream batch at row 0: y holds 3 values for 2 samples with targets of shape \[1\]/);
  });
});
