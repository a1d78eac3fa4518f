import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  tf,
  Autoencoder,
  ConfigError,
  DataValueError,
  ShapeError,
  appendCondition,
  defineVariant,
  encodeAll,
  evaluate,
  iterateBatches,
  loadModel,
  memoryStore,
  parseCondition,
  recipeSize,
  reconstructAll,
  registerVariant,
  s,
  saveModel,
  scoreAll,
  train,
  unregisterVariant,
  type ArrayData,
  type ModelRecipe,
} from '../src/index.js';
import { splitValidation } from '../src/train/data.js';
import { fingerprintData } from '../src/train/fingerprint.js';
import { expectNoLeak, registerTestVariants, testGauss, uniformData, unregisterTestVariants, values } from './helpers.js';

/** The test latent, renamed, recording the context its heads are built with. */
const seen: Array<{ featureShape: number[]; conditionWidth?: number }> = [];
const gauss = defineVariant({
  ...testGauss,
  name: 'test-cond-gauss',
  heads: (c, ctx) => {
    seen.push({ featureShape: ctx.featureShape, conditionWidth: ctx.conditionWidth });
    return testGauss.heads(c, ctx);
  },
});

beforeAll(() => {
  registerTestVariants();
  registerVariant(gauss);
});
afterAll(() => {
  unregisterTestVariants();
  unregisterVariant('test-cond-gauss');
});

const D = 6;
const cvae = (embedding = 0): ModelRecipe => ({
  inputShape: [D],
  variants: [{ name: 'test-dense', config: { latent: 4, hidden: 8 } }, { name: 'test-cond-gauss', config: { size: 2 } }],
  seed: 3,
  condition: { classes: 3, embedding },
});
const labelled = (n: number, seed = 1): ArrayData => ({
  x: uniformData(n, D, seed),
  n,
  sampleShape: [D],
  condition: Int32Array.from({ length: n }, (_, i) => (i * 5 + seed) % 3),
  name: 'digits',
});
const idx = (...c: number[]) => tf.tensor1d(c, 'int32');

describe('recipe.condition', () => {
  it('parses and defaults, and refuses bad fields by name', () => {
    expect(parseCondition({ classes: 10 })).toEqual({ classes: 10, embedding: 0 });
    expect(parseCondition(undefined)).toBeUndefined();
    expect(() => parseCondition({ classes: 1 })).toThrow(/condition.classes: expected an integer from 2/);
    expect(() => parseCondition({ classes: 3, embedding: -1 })).toThrow(/condition.embedding/);
    expect(() => parseCondition({ classes: 3, colour: 1 })).toThrow(/unknown field "colour"/);
    expect(() => parseCondition([3])).toThrow(ConfigError);
  });

  it('widens the latent heads input and the decoder input by the condition width; the code keeps its shape', () => {
    seen.length = 0;
    const m = Autoencoder.create(cvae());
    expect(seen[0]).toEqual({ featureShape: [4 + 3], conditionWidth: 3 });
    expect(m.heads.mu.inputShape).toEqual([7]);
    expect(m.decoder!.inputShape).toEqual([2 + 3]);
    expect(m.codeShape).toEqual([2]);
    expect(m.featureShape).toEqual([4]);
    expect(m.isConditional).toBe(true);
    expect(m.conditionClasses).toBe(3);
    const e = Autoencoder.create(cvae(5));
    expect(e.heads.mu.inputShape).toEqual([9]);
    expect(e.decoder!.inputShape).toEqual([7]);
    expect(e.conditioner!.weights.map((w) => w.name)).toEqual(['condition/dense_0/kernel']);
    // The embedding is counted before anything is allocated.
    expect(recipeSize(cvae(5)).parameters).toBe(e.parameterCount);
    expect(e.parameterCount - Autoencoder.create({ ...cvae(5), condition: undefined }).parameterCount).toBe(3 * 5 + 5 * 2 * 2 + 5 * 8); // embedding, wider heads (mu, logVar), wider first decoder layer
    m.dispose();
    e.dispose();
  });

  it('without a latent, only the decoder sees the condition and encode needs none', () => {
    const m = Autoencoder.create({ inputShape: [D], variants: [{ name: 'test-dense', config: { latent: 4 } }], condition: { classes: 3 } });
    expect(m.decoder!.inputShape).toEqual([7]);
    tf.tidy(() => {
      const x = tf.tensor2d(uniformData(2, D), [2, D]);
      expect(m.encode(x).shape).toEqual([2, 4]);
      expect(m.reconstruct(x, idx(0, 2)).shape).toEqual([2, D]);
    });
    m.dispose();
  });

  it('unconditional models are unchanged: same weights for the same seed', () => {
    const a = Autoencoder.create({ ...cvae(), condition: undefined });
    expect(a.isConditional).toBe(false);
    expect(a.conditionClasses).toBe(0);
    expect(a.recipe).not.toHaveProperty('condition');
    expect(a.decoder!.inputShape).toEqual([2]);
    a.dispose();
  });
});

describe('appendCondition', () => {
  it('appends along the last axis, repeated over spatial axes', () => {
    tf.tidy(() => {
      const t = tf.zeros([2, 2, 3, 1]);
      const c = tf.tensor2d([[1, 0], [0, 1]]);
      const out = appendCondition(t, c);
      expect(out.shape).toEqual([2, 2, 3, 3]);
      const v = out.arraySync() as number[][][][];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(v[1][i][j]).toEqual([0, 0, 1]);
      expect(v[0][1][2]).toEqual([0, 1, 0]);
      expect(appendCondition(tf.ones([2, 4]), c).shape).toEqual([2, 6]);
    });
  });
});

describe('the model API with a condition', () => {
  it('names the call that misses a condition, and refuses one on an unconditional model', () => {
    const m = Autoencoder.create(cvae());
    const plain = Autoencoder.create({ ...cvae(), condition: undefined });
    tf.tidy(() => {
      const x = tf.tensor2d(uniformData(2, D), [2, D]);
      expect(() => m.reconstruct(x)).toThrow(/reconstruct: this model is conditioned on 3 classes/);
      expect(() => m.encode(x)).toThrow(/encode: this model is conditioned/);
      expect(() => m.decode(tf.zeros([2, 2]))).toThrow(/decode: this model is conditioned/);
      expect(() => m.score(x)).toThrow(/score: this model is conditioned/);
      expect(() => m.generate(2, 1)).toThrow(/generate: .*options.condition/);
      expect(() => m.reconstruct(x, idx(0, 3))).toThrow(/sample 1 is class 3, expected 0 .. 2/);
      expect(() => m.reconstruct(x, idx(0))).toThrow(ShapeError);
      expect(() => m.reconstruct(x, tf.tensor1d([0, 1]))).toThrow(/must be int32/);
      expect(() => plain.reconstruct(x, idx(0, 1))).toThrow(/not conditional/);
    });
    m.dispose();
    plain.dispose();
  });

  it('accepts class indices or one-hot rows alike, and generates a chosen class', () => {
    const m = Autoencoder.create(cvae(2));
    tf.tidy(() => {
      const x = tf.tensor2d(uniformData(3, D), [3, D]);
      expect(values(m.reconstruct(x, idx(0, 2, 1)))).toEqual(values(m.reconstruct(x, tf.cast(tf.oneHot(idx(0, 2, 1), 3), 'float32'))));
      const all = m.generate(3, 5, { condition: 1 });
      expect(all.shape).toEqual([3, D]);
      expect(values(all)).toEqual(values(m.generate(3, 5, { condition: Int32Array.of(1, 1, 1) })));
      expect(values(all)).not.toEqual(values(m.generate(3, 5, { condition: 2 })));
      expect(() => m.generate(3, 5, { condition: Int32Array.of(1) })).toThrow(/expected 3 class indices/);
    });
    m.dispose();
  });

  it('leaks nothing on every inference path', async () => {
    const m = Autoencoder.create(cvae(2));
    const x = tf.tensor2d(uniformData(3, D), [3, D]);
    const c = idx(0, 1, 2);
    const z = tf.zeros([3, 2]);
    const bad = idx(0, 1, 7);
    await expectNoLeak(async () => {
      for (const t of [m.encode(x, c), m.decode(z, c), m.reconstruct(x, c), m.score(x, undefined, undefined, c), m.dataLoss(x, undefined, undefined, c), m.generate(3, 1, { condition: 2 })]) t.dispose();
      // A refused call leaks nothing either.
      expect(() => m.reconstruct(x, bad)).toThrow();
      await encodeAll(m, labelled(7), 3);
      await reconstructAll(m, labelled(7), 3);
      await scoreAll(m, labelled(7), 3);
      await evaluate(m, labelled(7), 3);
      await train(m, labelled(12), { epochs: 1, batchSize: 5, validationSplit: 0.25 });
    });
    tf.dispose([x, c, z, bad]);
    m.dispose();
  });
});

describe('training and data with a condition', () => {
  it('refuses data without classes, naming the data, and classes out of range', async () => {
    const m = Autoencoder.create(cvae());
    const { condition: _, ...bare } = labelled(8);
    await expect(train(m, bare, { epochs: 1 })).rejects.toThrow(/training data "digits" has no condition .* conditioned on 3 classes/);
    await expect(train(m, { ...labelled(8), condition: Int32Array.of(0, 1, 2, 3, 0, 1, 2, 0) }, { epochs: 1 })).rejects.toThrow(DataValueError);
    await expect(train(m, labelled(8), { epochs: 1, validation: bare })).rejects.toThrow(/validation data "digits" has no condition/);
    await expect(encodeAll(m, bare)).rejects.toThrow(/data "digits" has no condition/);
    const stream = { sampleShape: [D], name: 'feed', async *batches() { yield { x: uniformData(2, D), n: 2 }; } };
    await expect(train(m, stream, { epochs: 1 })).rejects.toThrow(/training data "feed": a batch carries no condition/);
    m.dispose();
  });

  it('trains every weight, the embedding included, and the batches one-hot the classes in step with x', async () => {
    const data = labelled(9);
    const rows: number[][] = [];
    for await (const b of iterateBatches(data, 4, 11, { conditionClasses: 3 })) {
      const x = b.x.arraySync() as number[][];
      const c = b.condition!.arraySync() as number[][];
      x.forEach((row, r) => {
        const i = Array.from({ length: data.n }, (_, k) => k).find((k) => Math.abs(data.x[k * D] - row[0]) < 1e-7)!;
        expect(c[r]).toEqual([0, 1, 2].map((k) => (k === data.condition![i] ? 1 : 0)));
        rows.push(row);
      });
      tf.dispose([b.x, b.condition!]);
    }
    expect(rows).toHaveLength(9);
    const m = Autoencoder.create(cvae(2));
    const before = m.weights.map((w) => values(w.variable));
    const r = await train(m, labelled(32), { epochs: 3, batchSize: 8, seed: 1, optimizer: { learningRate: 0.01 } });
    expect(r.stopReason).toBe('completed');
    m.weights.forEach((w, i) => expect(values(w.variable), w.name).not.toEqual(before[i]));
    m.dispose();
  });

  it('the gradient of the loss reaches the condition embedding exactly (against finite differences)', () => {
    const m = Autoencoder.create(cvae(2));
    const x = tf.tensor2d(uniformData(4, D), [4, D]);
    const c = idx(0, 2, 1, 2);
    const kernel = m.conditioner!.weights[0].variable;
    const loss = () => tf.tidy(() => m.step(x, { seed: 5, condition: c }).loss.dataSync()[0]);
    const g = tf.tidy(() => values(tf.variableGrads(() => m.step(x, { seed: 5, condition: c }).loss, [kernel]).grads[kernel.name]));
    const base = kernel.dataSync().slice();
    for (const at of [0, 3, 5]) {
      const shifted = (d: number) => {
        const v = base.slice();
        v[at] += d;
        tf.tidy(() => kernel.assign(tf.tensor(v, kernel.shape)));
        return loss();
      };
      const numeric = (shifted(1e-2) - shifted(-1e-2)) / 2e-2;
      expect(Math.abs(numeric - g[at])).toBeLessThan(2e-3 + 0.02 * Math.abs(g[at]));
    }
    expect(g.some((v) => v !== 0)).toBe(true);
    tf.dispose([x, c]);
    m.dispose();
  });

  it('is deterministic for a seed and reloads to identical outputs', async () => {
    const run = async () => {
      const m = Autoencoder.create(cvae(2));
      const r = await train(m, labelled(24), { epochs: 2, batchSize: 8, seed: 4 });
      return { m, losses: r.history.map((h) => h.loss) };
    };
    const a = await run();
    const b = await run();
    expect(a.losses).toEqual(b.losses);
    const store = memoryStore();
    await saveModel(a.m, store);
    const loaded = await loadModel(store);
    expect(loaded.recipe.condition).toEqual({ classes: 3, embedding: 2 });
    tf.tidy(() => {
      const x = tf.tensor2d(uniformData(3, D, 9), [3, D]);
      expect(values(loaded.reconstruct(x, idx(2, 1, 0)))).toEqual(values(a.m.reconstruct(x, idx(2, 1, 0))));
      expect(values(loaded.generate(2, 3, { condition: 1 }))).toEqual(values(a.m.generate(2, 3, { condition: 1 })));
    });
    [a.m, b.m, loaded].forEach((m) => m.dispose());
  });

  it('a saved model whose condition was tampered with is refused before allocating; a huge one is refused by size', async () => {
    const m = Autoencoder.create(cvae(2));
    const store = memoryStore();
    await saveModel(m, store);
    m.dispose();
    const json = JSON.parse(new TextDecoder().decode(store.files.get('model.json')!));
    const tampered = (condition: unknown) => {
      const files = new Map(store.files);
      files.set('model.json', new TextEncoder().encode(JSON.stringify({ ...json, recipe: { ...json.recipe, condition } })));
      return memoryStore(files);
    };
    const before = tf.memory().numTensors;
    await expect(loadModel(tampered({ classes: 100_000, embedding: 100_000 }))).rejects.toThrow(/recipe builds more than the weights manifest declares/);
    await expect(loadModel(tampered({ classes: 3, embedding: 4 }))).rejects.toThrow(/model\.json: its recipe builds more than the weights manifest declares \(13 weights/);
    await expect(loadModel(tampered({ classes: 'ten' }))).rejects.toThrow(/condition.classes/);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => Autoencoder.create({ ...cvae(), condition: { classes: 100_000, embedding: 100_000 } })).toThrow(/more than the limit/);
  });

  it('splits classes with their samples and fingerprints them', () => {
    const data = labelled(10);
    const { train: t, validation: v } = splitValidation(data, 0.3, 2);
    for (const part of [t, v])
      for (let r = 0; r < part.n; r++) {
        const i = Array.from({ length: data.n }, (_, k) => k).find((k) => data.x[k * D] === part.x[r * D])!;
        expect(part.condition![r]).toBe(data.condition![i]);
      }
    const other = { ...data, condition: data.condition!.map((c) => (c + 1) % 3) };
    expect(fingerprintData(other).crc).not.toBe(fingerprintData(data).crc);
    const { condition: _, ...bare } = data;
    expect(fingerprintData(bare).crc).not.toBe(fingerprintData(data).crc);
  });

  it('evaluates with the data classes: the same figures as the per-batch calls', async () => {
    const m = Autoencoder.create(cvae());
    const data = labelled(5);
    const scores = await scoreAll(m, data, 2);
    const direct = tf.tidy(() => values(m.score(tf.tensor2d(data.x, [5, D]), undefined, undefined, tf.tensor1d(data.condition!, 'int32'))));
    Array.from(scores).forEach((v, i) => expect(v).toBeCloseTo(direct[i], 6));
    const codes = await encodeAll(m, data, 2);
    expect(codes.shape).toEqual([5, 2]);
    m.dispose();
  });
});
