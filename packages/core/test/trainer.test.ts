import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tf, Autoencoder, train, evaluate, createOptimizer, clipByGlobalNorm, DataValueError, ShapeError, ConfigError, nextLearningRate, setBackendHints, defineVariant, registerVariant, unregisterVariant, s, type TrainEvent, type StreamData } from '../src/index.js';
import { useTestVariantsAndDir, values } from './helpers.js';
import { make, structured, weightsOf } from './train-fixtures.js';

let dir: string;
useTestVariantsAndDir('hourglass-train-', (d) => (dir = d));

describe('train', () => {
  it('lowers the loss and reports every epoch', async () => {
    const m = make();
    const events: TrainEvent[] = [];
    const r = await train(m, structured(256), { epochs: 8, batchSize: 32, optimizer: { learningRate: 0.01 }, onEvent: (e) => void events.push(e) });
    expect(r.stopReason).toBe('completed');
    expect(r.history).toHaveLength(8);
    expect(r.history[7].loss).toBeLessThan(r.history[0].loss * 0.9);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(8);
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(64);
    expect(events[0]).toMatchObject({ type: 'start', epochs: 8, batchesPerEpoch: 8, samples: 256 });
    expect(r.history[0].terms.reconstruction).toBeCloseTo(r.history[0].loss, 6);
    expect(events.find((e) => e.type === 'batch')).not.toHaveProperty('loss', expect.any(Number));
    const logged: TrainEvent[] = [];
    await train(m, structured(64), { epochs: 1, batchSize: 16, logEvery: 2, onEvent: (e) => void logged.push(e) });
    const batches = logged.filter((e): e is Extract<TrainEvent, { type: 'batch' }> => e.type === 'batch');
    expect(batches.map((e) => e.loss !== undefined)).toEqual([false, true, false, true]);
    expect(batches[1].terms!.reconstruction).toBeCloseTo(batches[1].loss!, 6);
    expect(r.history[0].samplesPerSec).toBeGreaterThan(0);
    m.dispose();
  });
  it('is deterministic for a seed', async () => {
    const run = async (seed: number) => {
      const m = make();
      await train(m, structured(128), { epochs: 2, batchSize: 16, seed });
      const w = weightsOf(m);
      m.dispose();
      return w;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });
  it('keeps the tensor count flat across epochs', async () => {
    const m = make();
    const counts: number[] = [];
    await train(m, structured(64), { epochs: 4, batchSize: 16, validationSplit: 0.25, logEvery: 1, clipNorm: 1, onEvent: (e) => void (e.type === 'epoch' && counts.push(tf.memory().numTensors)) });
    expect(new Set(counts).size).toBe(1);
    const before = tf.memory().numTensors;
    await train(m, structured(64), { epochs: 2, batchSize: 16, earlyStopping: { patience: 5 } });
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
  it.each(['start', 'batch', 'epoch', 'checkpoint', 'stop'] as const)('disposes everything when a listener throws on %s', async (type) => {
    const m = make();
    const before = tf.memory().numTensors;
    const run = train(m, structured(64), {
      epochs: 3,
      batchSize: 16,
      validation: structured(16, 9),
      earlyStopping: { patience: 2 },
      checkpoint: join(dir, `throwing-${type}`),
      onEvent: (e) => {
        if (e.type === type) throw new Error(`listener failed on ${type}`);
      },
    });
    await expect(run).rejects.toThrow(`listener failed on ${type}`);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
  it.each(['adam', 'sgd', 'rmsprop', 'adagrad'] as const)('trains with %s', async (name) => {
    const m = make();
    const lr = { adam: 0.01, sgd: 0.5, rmsprop: 0.005, adagrad: 0.1 }[name];
    const r = await train(m, structured(256), { epochs: 6, batchSize: 32, optimizer: { name, learningRate: lr, momentum: name === 'sgd' ? 0.9 : 0 } });
    expect(r.history[5].loss).toBeLessThan(r.history[0].loss);
    m.dispose();
  });
  it('validates with a split or a given set and stops early, restoring the best weights', async () => {
    const m = make();
    const data = structured(200);
    const val = structured(50, 9);
    const r = await train(m, data, { epochs: 30, batchSize: 50, validation: val, optimizer: { learningRate: 0.05 }, earlyStopping: { patience: 2, minDelta: 0.05 } });
    expect(r.stopReason).toBe('early-stopping');
    expect(r.history.length).toBeLessThan(30);
    expect(r.message).toMatch(/restored the weights of epoch/);
    expect(await evaluate(m, val)).toBeCloseTo(r.history[r.bestEpoch].valLoss!, 5);
    m.dispose();
  });
  it('stops cleanly on abort', async () => {
    const m = make();
    const ctrl = new AbortController();
    const r = await train(m, structured(128), { epochs: 10, batchSize: 16, signal: ctrl.signal, onEvent: (e) => void (e.type === 'batch' && e.epoch === 1 && e.batch === 3 && ctrl.abort()) });
    expect(r.stopReason).toBe('aborted');
    expect(r.history).toHaveLength(1);
    m.dispose();
  });
  it('resumes from a checkpoint to the same weights as an uninterrupted run', async () => {
    const data = structured(96);
    const straight = make();
    await train(straight, data, { epochs: 4, batchSize: 16, seed: 3 });
    const ckpt = join(dir, 'ckpt');
    const first = make();
    const ctrl = new AbortController();
    await train(first, data, { epochs: 4, batchSize: 16, seed: 3, checkpoint: ckpt, signal: ctrl.signal, onEvent: (e) => void (e.type === 'checkpoint' && e.epoch === 1 && ctrl.abort()) });
    first.dispose();
    const resumed = make();
    const events: TrainEvent[] = [];
    const r = await train(resumed, data, { epochs: 4, batchSize: 16, seed: 3, checkpoint: ckpt, resume: true, onEvent: (e) => void events.push(e) });
    expect(events[0]).toMatchObject({ type: 'start', startEpoch: 2 });
    expect(r.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3]);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    const other = Autoencoder.create({ inputShape: [8], variants: [{ name: 'test-dense', config: { latent: 3, hidden: 16, loss: 'mse' } }] });
    await expect(train(other, data, { epochs: 5, checkpoint: ckpt, resume: true })).rejects.toThrow(/different model/);
    [straight, resumed, other].forEach((m) => m.dispose());
  });
  it.each(['adam', 'sgd', 'rmsprop', 'adagrad'] as const)('%s: per-weight and flat optimizer layouts train alike, and resume alike', async (name) => {
    const data = structured(64);
    const run = async (flatOptimizer: boolean, ckpt?: string, epochs = 3) => {
      setBackendHints('cpu', { flatOptimizer });
      try {
        const m = make();
        await train(m, data, { epochs, batchSize: 16, optimizer: { name, learningRate: 0.01, momentum: 0.5 }, checkpoint: ckpt, resume: Boolean(ckpt) });
        const w = weightsOf(m);
        m.dispose();
        return w;
      } finally {
        setBackendHints('cpu', { flatOptimizer: undefined });
      }
    };
    const flat = await run(true);
    const perWeight = await run(false);
    flat.flat().forEach((v, i) => expect(Math.abs(v - perWeight.flat()[i])).toBeLessThan(1e-5));
    // A checkpoint written in one layout resumes in the other.
    const ckpt = join(dir, `layout-${name}`);
    await run(true, ckpt, 2);
    const resumed = await run(false, ckpt, 3);
    resumed.flat().forEach((v, i) => expect(Math.abs(v - flat.flat()[i])).toBeLessThan(1e-5));
  });
  it('leaves a weight the loss does not reach unchanged instead of failing', async () => {
    registerVariant(defineVariant({
      name: 'test-spare-head',
      version: '1.0.0',
      role: 'latent',
      description: 'a latent with a head the loss never uses',
      options: s.object({}),
      heads: () => ({ heads: { code: [{ type: 'dense', units: 2 }], spare: [{ type: 'dense', units: 3 }] }, codeShape: [2] }),
      forward: (_c, { features, heads, training }) => ({ code: heads.code.apply(features, { training }) }),
    }));
    const m = Autoencoder.create({ inputShape: [8], variants: [{ name: 'test-dense', config: { loss: 'mse' } }, { name: 'test-spare-head' }] });
    const spare = values(m.heads.spare.weights[0].variable);
    const r = await train(m, structured(32), { epochs: 2, batchSize: 16 });
    expect(r.history[1].loss).toBeLessThan(r.history[0].loss);
    expect(values(m.heads.spare.weights[0].variable)).toEqual(spare);
    m.dispose();
    unregisterVariant('test-spare-head');
  });
  it('trains from a stream of batches', async () => {
    const data = structured(64);
    const stream: StreamData = {
      sampleShape: [8],
      async *batches(size) {
        for (let i = 0; i < data.n; i += size) {
          const n = Math.min(size, data.n - i);
          yield { x: data.x.slice(i * 8, (i + n) * 8), n };
        }
      },
    };
    const m = make();
    const r = await train(m, stream, { epochs: 3, batchSize: 16 });
    expect(r.history).toHaveLength(3);
    expect(r.history[2].loss).toBeLessThan(r.history[0].loss);
    m.dispose();
  });
  it('rejects bad data and options with clear errors', async () => {
    const m = make();
    const bad = structured(8);
    bad.x[5 * 8 + 3] = Number.NaN;
    await expect(train(m, bad, { epochs: 1 })).rejects.toThrow(DataValueError);
    await expect(train(m, bad, { epochs: 1 })).rejects.toThrow('training data: sample 5, entry 3 is NaN; data must be finite');
    await expect(train(m, { x: new Float32Array(12), n: 2, sampleShape: [6] }, { epochs: 1 })).rejects.toThrow(ShapeError);
    await expect(train(m, structured(8), { epochs: 0 })).rejects.toThrow('train.epochs: expected an integer >= 1, got 0');
    await expect(train(m, structured(8), { optimizer: { name: 'adamw' as 'adam' } })).rejects.toThrow(/train.optimizer.name: expected one of "adam"/);
    await expect(train(m, structured(8), { batchsize: 3 } as never)).rejects.toThrow(ConfigError);
    m.dispose();
  });
});

describe('learning-rate schedules', () => {
  const base = { kind: 'constant' as const, every: 2, factor: 0.5, patience: 2, minDelta: 0, minLearningRate: 0, warmup: 1 };
  it('step, exponential and plateau', () => {
    const st = { best: Infinity, wait: 0 };
    expect(nextLearningRate({ ...base, kind: 'step' }, 1, 0, 0, st)).toBe(1);
    expect(nextLearningRate({ ...base, kind: 'step' }, 1, 1, 0, st)).toBe(0.5);
    expect(nextLearningRate({ ...base, kind: 'exponential', factor: 0.9 }, 1, 0, 0, st)).toBe(0.9);
    const p = { ...base, kind: 'plateau' as const };
    expect(nextLearningRate(p, 1, 0, 1.0, st)).toBe(1);
    expect(nextLearningRate(p, 1, 1, 1.0, st)).toBe(1);
    expect(nextLearningRate(p, 1, 2, 1.0, st)).toBe(0.5);
    expect(nextLearningRate({ ...p, minLearningRate: 0.8 }, 1, 3, 2, { best: 1, wait: 5 })).toBe(0.8);
  });
  it('changes the optimizer learning rate between epochs', async () => {
    const m = make();
    const r = await train(m, structured(32), { epochs: 3, batchSize: 16, optimizer: { learningRate: 0.01 }, schedule: { kind: 'step', every: 1, factor: 0.1 } });
    expect(r.history.map((h) => h.learningRate)).toEqual([0.01, 0.01 * 0.1, 0.01 * 0.1 * 0.1]);
    m.dispose();
  });
});

describe('optimizers', () => {
  it('update from the weights the variables hold, also after they were assigned from outside', () => {
    const a = tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2]));
    const b = tf.variable(tf.tensor1d([5, 6]));
    const grads = () => [tf.ones([2, 2]), tf.ones([2])];
    const before = tf.memory().numTensors;
    const opt = createOptimizer([a, b], { name: 'sgd', learningRate: 0.5 });
    const step = () => {
      const g = grads();
      opt.apply(g);
      tf.dispose(g);
    };
    step();
    expect([values(a), values(b)]).toEqual([[0.5, 1.5, 2.5, 3.5], [4.5, 5.5]]);
    step();
    expect(values(a)).toEqual([0, 1, 2, 3]);
    // a restore (best weights, a checkpoint) assigns to the variables directly
    tf.tidy(() => a.assign(tf.tensor2d([10, 20, 30, 40], [2, 2])));
    step();
    expect([values(a), values(b)]).toEqual([[9.5, 19.5, 29.5, 39.5], [3.5, 4.5]]);
    opt.dispose();
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before - 2);
  });
  it('weightDecay adds lambda x w to each gradient, in both layouts, leaking nothing', () => {
    const a = tf.variable(tf.tensor1d([1, -2]));
    const b = tf.variable(tf.tensor1d([4]));
    const before = tf.memory().numTensors;
    const opt = createOptimizer([a, b], { name: 'sgd', learningRate: 0.5, weightDecay: 0.1 });
    const g = [tf.tensor1d([1, 1]), tf.zeros([1])];
    opt.apply(g);
    tf.dispose(g);
    // w - 0.5 (g + 0.1 w)
    expect(values(a).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.45, -2.4]);
    expect(values(b)[0]).toBeCloseTo(3.8, 6);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(createOptimizer([a], {}).config.weightDecay).toBe(0);
    expect(() => createOptimizer([a], { weightDecay: -1 })).toThrow(/weightDecay/);
    tf.dispose([a, b]);
  });
});

describe('gradient clipping and checkpoint cadence', () => {
  it('clipByGlobalNorm scales to the norm only when it is exceeded', () => {
    const norm = (ts: ReturnType<typeof tf.tensor>[]) => Math.sqrt(ts.reduce((s, t) => s + values(t).reduce((a, v) => a + v * v, 0), 0));
    const grads = [tf.tensor([3, 0]), tf.tensor([[0, 4]])]; // global norm 5
    const clipped = clipByGlobalNorm(grads, 1);
    expect(norm(clipped)).toBeCloseTo(1, 5);
    expect(values(clipped[0])).toEqual([expect.closeTo(0.6, 5), 0]);
    expect(clipped[1].shape).toEqual([1, 2]);
    const kept = clipByGlobalNorm(grads, 10);
    expect(kept.map(values)).toEqual([[3, 0], [0, 4]]);
    tf.dispose([...grads, ...clipped, ...kept]);
  });
  it('writes a checkpoint every N epochs and at the last one', async () => {
    const written: number[] = [];
    const m = make();
    await train(m, structured(32), { epochs: 7, batchSize: 16, checkpoint: join(dir, 'every3'), checkpointEvery: 3, onEvent: (e) => void (e.type === 'checkpoint' && written.push(e.epoch)) });
    expect(written).toEqual([2, 5, 6]);
    m.dispose();
  });
});
