import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf, train, ConfigError, ModelFileError, type EpochMetrics, type TrainEvent, type TrainOptions } from '../src/index.js';
import { useTestVariantsAndDir } from './helpers.js';
import { make, structured, weightsOf } from './train-fixtures.js';

let dir: string;
useTestVariantsAndDir('hourglass-resume-', (d) => (dir = d));

const data = structured(96);
const untimed = (h: EpochMetrics[]) => h.map(({ samplesPerSec: _s, seconds: _t, ...rest }) => rest);
/** Early stopping on a validation set, with a plateau schedule and momentum: every piece of state a resume must carry. */
const options = (epochs: number, extra: TrainOptions = {}): TrainOptions => ({
  epochs,
  batchSize: 16,
  seed: 3,
  validation: structured(32, 9),
  optimizer: { name: 'adam', learningRate: 0.05 },
  schedule: { kind: 'plateau', patience: 2, factor: 0.5 },
  earlyStopping: { patience: 3, minDelta: 0.002 },
  ...extra,
});
async function straight() {
  const m = make();
  const r = await train(m, data, options(40));
  const w = weightsOf(m);
  m.dispose();
  return { r, w };
}

describe('resume', () => {
  it('with early stopping, a run stopped and resumed ends exactly as an uninterrupted one (best weights, epoch, history)', async () => {
    const whole = await straight();
    expect(whole.r.stopReason).toBe('early-stopping');
    const k = whole.r.bestEpoch + 1; // stop just after the best epoch: the resumed part must still restore it
    expect(k).toBeLessThan(whole.r.epochsRun - 1);
    for (const how of ['epochs', 'abort'] as const) {
      const ckpt = join(dir, `early-${how}`);
      const first = make();
      const ctrl = new AbortController();
      await train(first, data, how === 'epochs' ? options(k, { checkpoint: ckpt }) : options(40, { checkpoint: ckpt, signal: ctrl.signal, onEvent: (e) => void (e.type === 'checkpoint' && e.epoch === k - 1 && ctrl.abort()) }));
      first.dispose();
      const resumed = make();
      const r = await train(resumed, data, options(40, { checkpoint: ckpt, resume: true }));
      expect(r.stopReason).toBe('early-stopping');
      expect(r.bestEpoch).toBe(whole.r.bestEpoch);
      expect(r.message).toBe(whole.r.message);
      expect(untimed(r.history)).toEqual(untimed(whole.r.history));
      expect(weightsOf(resumed)).toEqual(whole.w);
      resumed.dispose();
    }
  });
  it('resuming the checkpoint of a run that stopped early ends there, with the best weights', async () => {
    const whole = await straight();
    const ckpt = join(dir, 'stopped');
    const m = make();
    await train(m, data, options(40, { checkpoint: ckpt }));
    m.dispose();
    // As if killed after the last checkpoint, before the model was saved.
    const again = make();
    const events: TrainEvent[] = [];
    const r = await train(again, data, options(40, { checkpoint: ckpt, resume: true, onEvent: (e) => void events.push(e) }));
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(0);
    expect(r).toMatchObject({ stopReason: 'early-stopping', bestEpoch: whole.r.bestEpoch, message: whole.r.message, epochsRun: whole.r.epochsRun });
    expect(weightsOf(again)).toEqual(whole.w);
    again.dispose();
  });
  it('keeps the tensor count and memory flat across repeated resumes in one process', async () => {
    const ckpt = join(dir, 'repeat');
    const counts: number[] = [];
    const bytes: number[] = [];
    for (let epochs = 1; epochs <= 5; epochs++) {
      const m = make();
      await train(m, data, { epochs, batchSize: 32, checkpoint: ckpt, resume: true, earlyStopping: { patience: 9 }, validation: structured(16, 9) });
      m.dispose();
      counts.push(tf.memory().numTensors);
      bytes.push(tf.memory().numBytes);
    }
    expect(new Set(counts).size).toBe(1);
    expect(new Set(bytes).size).toBe(1);
  });
  it('refuses to resume on other data, naming both', async () => {
    const ckpt = join(dir, 'data');
    const m = make();
    await train(m, data, { epochs: 1, batchSize: 32, checkpoint: ckpt });
    const other = structured(96, 2);
    const before = weightsOf(m);
    const run = train(m, other, { epochs: 2, batchSize: 32, checkpoint: ckpt, resume: true });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/checkpoint at .*model\.json was made on other data \(96 samples of shape \[8\], CRC [0-9a-f]{8}\); this run's data is 96 samples of shape \[8\], CRC [0-9a-f]{8}; resume on the data the run started on, or train without resume/);
    await expect(train(m, structured(95), { epochs: 2, checkpoint: ckpt, resume: true })).rejects.toThrow(/this run's data is 95 samples/);
    expect(weightsOf(m)).toEqual(before);
    // The same data resumes.
    const r = await train(m, data, { epochs: 2, batchSize: 32, checkpoint: ckpt, resume: true });
    expect(r.history.map((h) => h.epoch)).toEqual([0, 1]);
    m.dispose();
  });
  describe('validates the stored trainer state', () => {
    let ckpt = '';
    let file = '';
    let original = '';
    beforeAll(async () => {
      ckpt = join(dir, 'state');
      file = join(ckpt, 'model.json');
      const m = make();
      await train(m, data, { epochs: 2, batchSize: 32, checkpoint: ckpt, earlyStopping: { patience: 5 }, validation: structured(16, 9) });
      m.dispose();
      original = await readFile(file, 'utf8');
    });
    const edits: Array<[string, (t: Record<string, any>) => void, string | RegExp]> = [
      ['a negative epoch', (t) => (t.epoch = -5), 'training.epoch: expected an integer >= 0, got -5'],
      ['a fractional epoch', (t) => (t.epoch = 1.5), 'training.epoch: expected an integer >= 0, got 1.5'],
      ['an epoch the history does not reach', (t) => (t.epoch = 7), 'training.history: expected 8 entries (epochs 0..7), got "2 entries"'],
      ['epochs out of order', (t) => (t.history[1].epoch = 0), 'training.history[1].epoch: expected 1, got 0'],
      ['a NaN loss (null in JSON)', (t) => (t.history[0].loss = null), 'training.history[0].loss: expected a finite number, got null'],
      ['a missing field', (t) => delete t.iterations, 'training.iterations: required, expected an integer >= 0'],
      ['an unknown field', (t) => (t.rng = 1), 'training: unknown option "rng"'],
      ['a zero learning rate', (t) => (t.learningRate = 0), 'training.learningRate: expected a finite number > 0, got 0'],
      ['a best epoch after the last', (t) => (t.best.epoch = 4), 'training.best.epoch: expected an epoch from -1 to 1, got 4'],
      ['a negative patience counter', (t) => (t.best.wait = -1), 'training.best.wait: expected an integer >= 0, got -1'],
      ['a bad data fingerprint', (t) => (t.data.crc = 'zz'), 'training.data.crc: expected an 8-digit hex CRC or null, got "zz"'],
      ['no state at all', (t) => Object.keys(t).forEach((k) => delete t[k]), 'training.epoch: required'],
    ];
    it.each(edits)('refuses %s with ModelFileError naming the file and field', async (_what, edit, message) => {
      const json = JSON.parse(original);
      edit(json.training);
      await writeFile(file, JSON.stringify(json));
      const m = make();
      const before = weightsOf(m);
      const count = tf.memory().numTensors;
      const run = train(m, data, { epochs: 4, batchSize: 32, checkpoint: ckpt, resume: true });
      await expect(run).rejects.toThrow(ModelFileError);
      await expect(run).rejects.toThrow(`${file}: ${typeof message === 'string' ? message : ''}`);
      await expect(run).rejects.toThrow(/this checkpoint cannot be resumed; remove it, or train without resume$/);
      expect(tf.memory().numTensors).toBe(count);
      expect(weightsOf(m)).toEqual(before);
      m.dispose();
    });
    it('refuses optimizer slots of another optimizer', async () => {
      await writeFile(file, original);
      const m = make();
      await expect(train(m, data, { epochs: 4, optimizer: { name: 'sgd', momentum: 0.9 }, checkpoint: ckpt, resume: true })).rejects.toThrow(
        `${file}: no optimizer slot "optimizer/mom" (sgd keeps optimizer/mom; was it written by another optimizer?)`,
      );
      m.dispose();
    });
  });
});
