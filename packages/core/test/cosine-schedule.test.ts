import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tf, train, batchLearningRate, type ScheduleConfig, type StreamData, type TrainOptions } from '../src/index.js';
import { useTestVariantsAndDir } from './helpers.js';
import { make, structured, weightsOf } from './train-fixtures.js';

let dir: string;
useTestVariantsAndDir('hourglass-cosine-', (d) => (dir = d));

const cosine: ScheduleConfig = { kind: 'cosine', every: 10, factor: 0.5, patience: 5, minDelta: 0, minLearningRate: 0, warmup: 1 };

describe('cosine schedule', () => {
  it('warms up linearly over the warmup epochs, then falls along a half cosine to the floor at the last batch', () => {
    const at = (epoch: number, batch: number, cfg = cosine) => batchLearningRate(cfg, 0.01, { epoch, batch, batchesPerEpoch: 4, epochs: 5 })!;
    // warmup: 1/4, 2/4, 3/4 and all of the peak over the first epoch's batches
    expect([0, 1, 2, 3].map((b) => at(0, b))).toEqual([0.0025, 0.005, 0.0075, 0.01]);
    // then (t - 1) / 4 of the way down: half-way at t = 3, i.e. epoch 2, batch 3
    expect(at(2, 3)).toBeCloseTo(0.005, 12);
    expect(at(1, 1)).toBeCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI * 0.125)), 12);
    expect(at(4, 3)).toBe(Number.MIN_VALUE); // the last batch: the floor 0 (never exactly 0)
    expect(at(4, 3, { ...cosine, minLearningRate: 0.001 })).toBeCloseTo(0.001, 12);
    // no warmup: the first batch already on the cosine
    expect(at(0, 0, { ...cosine, warmup: 0 })).toBeCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI / 20)), 12);
    // a stream of unknown length: one rate per epoch
    expect(batchLearningRate(cosine, 0.01, { epoch: 0, batch: 7, epochs: 5 })).toBe(0.01);
    expect(batchLearningRate(cosine, 0.01, { epoch: 2, batch: 0, epochs: 5 })).toBe(batchLearningRate(cosine, 0.01, { epoch: 2, batch: 9, epochs: 5 }));
    // the other schedules do not change the rate within an epoch
    expect(batchLearningRate({ ...cosine, kind: 'step' }, 0.01, { epoch: 0, batch: 0, batchesPerEpoch: 4, epochs: 5 })).toBeUndefined();
  });

  it('sets the rate before every batch; each epoch reports the rate of its last batch', async () => {
    const m = make();
    const before = tf.memory().numTensors;
    const r = await train(m, structured(64), { epochs: 4, batchSize: 16, optimizer: { learningRate: 0.02 }, schedule: { kind: 'cosine', warmup: 1 } });
    const expected = [0, 1, 2, 3].map((epoch) => batchLearningRate({ ...cosine, warmup: 1 }, 0.02, { epoch, batch: 3, batchesPerEpoch: 4, epochs: 4 }));
    expect(r.history.map((h) => h.learningRate)).toEqual(expected);
    expect(r.history[0].learningRate).toBe(0.02);
    expect(r.history[3].loss).toBeLessThan(r.history[0].loss);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('follows the same curve on a stream of unknown length, one rate per epoch', async () => {
    const data = structured(48);
    const stream: StreamData = {
      sampleShape: [8],
      async *batches(batchSize: number) {
        for (let i = 0; i < data.n; i += batchSize) yield { x: data.x.slice(i * 8, Math.min(data.n, i + batchSize) * 8), n: Math.min(batchSize, data.n - i) };
      },
    };
    const m = make();
    const r = await train(m, stream, { epochs: 3, batchSize: 16, optimizer: { learningRate: 0.02 }, schedule: { kind: 'cosine', warmup: 0 } });
    expect(r.history.map((h) => h.learningRate)).toEqual([0, 1, 2].map((epoch) => batchLearningRate({ ...cosine, warmup: 0 }, 0.02, { epoch, batch: 0, epochs: 3 })));
    m.dispose();
  });

  it('a stream that declares its length gets the per-batch curve of arrays, and is held to it', async () => {
    const data = structured(48);
    const stream = (n: number): StreamData => ({
      sampleShape: [8],
      n,
      name: 'feed',
      async *batches(batchSize: number) {
        for (let i = 0; i < data.n; i += batchSize) yield { x: data.x.slice(i * 8, Math.min(data.n, i + batchSize) * 8), n: Math.min(batchSize, data.n - i) };
      },
    });
    const m = make();
    const events: number[] = [];
    const r = await train(m, stream(48), { epochs: 3, batchSize: 16, optimizer: { learningRate: 0.02 }, schedule: { kind: 'cosine', warmup: 1 }, onEvent: (e) => void (e.type === 'start' && events.push(e.batchesPerEpoch ?? -1)) });
    expect(events).toEqual([3]);
    expect(r.history.map((h) => h.learningRate)).toEqual([0, 1, 2].map((epoch) => batchLearningRate({ ...cosine, warmup: 1 }, 0.02, { epoch, batch: 2, batchesPerEpoch: 3, epochs: 3 })));
    await expect(train(m, stream(40), { epochs: 1, batchSize: 16 })).rejects.toThrow('stream feed: declares 40 samples a pass but yielded 48');
    m.dispose();
  });

  it('a run stopped and resumed from its checkpoint ends as an uninterrupted one', async () => {
    const options = (epochs: number, extra: TrainOptions = {}): TrainOptions => ({ epochs, batchSize: 16, seed: 2, optimizer: { learningRate: 0.03 }, schedule: { kind: 'cosine', warmup: 0.5 }, ...extra });
    const whole = make();
    const full = await train(whole, structured(64), options(5));
    const ckpt = join(dir, 'cosine-resume');
    const ctrl = new AbortController();
    const first = make();
    await train(first, structured(64), options(5, { checkpoint: ckpt, signal: ctrl.signal, onEvent: (e) => void (e.type === 'checkpoint' && e.epoch === 1 && ctrl.abort()) }));
    first.dispose();
    const resumed = make();
    const r = await train(resumed, structured(64), options(5, { checkpoint: ckpt, resume: true }));
    expect(r.history.map((h) => h.learningRate)).toEqual(full.history.map((h) => h.learningRate));
    expect(weightsOf(resumed)).toEqual(weightsOf(whole));
    whole.dispose();
    resumed.dispose();
  });
});
