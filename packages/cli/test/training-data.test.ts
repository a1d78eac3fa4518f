import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadDataset, splitDataset } from '@hourglass/data';
import { loadTrainingData, SPLIT_SEED } from '../src/data.js';
import { runCli, useTempDir } from './run-cli.js';

let dir: string;
/** Whether two arrays hold the same bytes (deep equality is too slow for all of MNIST). */
const same = (a: Float32Array | Int32Array, b: Float32Array | Int32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
useTempDir('hourglass-split-', (d) => (dir = d));

describe('the data step cuts every split from one shuffle', () => {
  it('holds validation out of the training part with the split generator, and leaves the test part as it was', () => {
    const plain = loadTrainingData('mnist');
    const parts = loadTrainingData('mnist', { validation: 0.1 });
    expect(parts.split).toEqual({ train: 7200, validation: 800, test: 2000, seed: SPLIT_SEED });
    expect(same(parts.test!.x, plain.test!.x)).toBe(true);
    // the three parts are exactly those of one splitDataset call (one mulberry32 shuffle, one seed)
    const reference = splitDataset(loadDataset('mnist'), { test: 2000, validation: 800, seed: SPLIT_SEED });
    expect(same(parts.train.x, reference.train.x)).toBe(true);
    expect(same(parts.validation!.x, reference.validation!.x)).toBe(true);
    expect(same(parts.validation!.labels!, reference.validation!.labels!)).toBe(true);
    expect(same(parts.validation!.x, parts.train.x.subarray(0, parts.validation!.x.length))).toBe(false);
  });

  it('is the same for the same seed and changes with it', () => {
    const a = loadTrainingData('mnist', { validation: 0.25, limit: 400 });
    const b = loadTrainingData('mnist', { validation: 0.25, limit: 400 });
    expect(a.split).toEqual({ train: 300, validation: 100, test: 400, seed: SPLIT_SEED });
    expect(b.validation!.x).toEqual(a.validation!.x);
    expect(b.train.x).toEqual(a.train.x);
    const c = loadTrainingData('mnist', { validation: 0.25, limit: 400, splitSeed: 1 });
    expect(c.validation!.x).not.toEqual(a.validation!.x);
  });

  it('refuses a validation part that leaves nothing to train on', () => {
    expect(() => loadTrainingData('mnist', { validation: 0.999, limit: 10 })).toThrow(/leaves none of the 10 training samples/);
  });

  it('gives the same losses for the same seed in two runs with a validation split', async () => {
    const losses = async (name: string) => {
      const out = join(dir, name);
      const r = await runCli(['train', '--epochs', '2', '--limit', '256', '--val-split', '0.25', '--seed', '3', '--backend', 'wasm', '--out', out, '--json', '--quiet'], dir);
      expect(r.code, r.stderr).toBe(0);
      const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
      expect(config.split).toEqual({ train: 192, validation: 64, test: 256, seed: SPLIT_SEED });
      const history = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      return history.map((m) => [m.loss, m.valLoss]);
    };
    const first = await losses('a');
    expect(first).toHaveLength(2);
    expect(await losses('b')).toEqual(first);
  });
});
