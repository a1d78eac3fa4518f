/**
 * Concurrent saves and loads on one model folder: every load beside the
 * savers must succeed, and the folder must load when they are done.
 * All in one process with async fs, which interleaves the savers' and
 * loaders' file operations at every await.
 */
import { describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tf, Autoencoder, saveModel, loadModel, memoryStore, type ModelStore } from '../src/index.js';
import { useTestVariantsAndDir } from './helpers.js';

let dir: string;
useTestVariantsAndDir('hourglass-concurrent-', (d) => (dir = d));

const make = (seed: number) => Autoencoder.create({ inputShape: [3, 4], variants: [{ name: 'test-dense', config: { latent: 2 } }], seed });

/** Two savers of different models, `saves` times each, and a loader looping until they finish. */
async function race(target: () => string | ModelStore, saves: number) {
  const models = [make(1), make(2)];
  await saveModel(models[0], target());
  const failures: string[] = [];
  let done = false;
  let loads = 0;
  const saver = async (m: Autoencoder) => {
    for (let i = 0; i < saves; i++) await saveModel(m, target());
  };
  const loader = async () => {
    while (!done) {
      try {
        (await loadModel(target())).dispose();
      } catch (e) {
        failures.push((e as Error).message);
      }
      loads++;
    }
  };
  const reading = Promise.all([loader(), loader()]);
  await Promise.all(models.map(saver));
  done = true;
  await reading;
  const final = await loadModel(target());
  final.dispose();
  models.forEach((m) => m.dispose());
  return { failures, loads };
}

describe('concurrent saves and loads on one model', () => {
  it('a directory: no load fails beside two savers, and the folder loads after each race', async () => {
    const before = tf.memory().numTensors;
    let loads = 0;
    for (let round = 0; round < 5; round++) {
      const path = join(dir, `race-${round}`);
      const r = await race(() => path, 10);
      expect(r.failures).toEqual([]);
      loads += r.loads;
      const files = await readdir(path);
      expect(files.filter((f) => f.includes('.tmp-') || f.includes('.aside-') || f.startsWith('.hourglass-write-'))).toEqual([]);
      expect(files.filter((f) => f.endsWith('.bin')).length).toBeLessThanOrEqual(2);
    }
    expect(loads).toBeGreaterThan(20);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('a memory store: the same', async () => {
    const store = memoryStore();
    const r = await race(() => store, 20);
    expect(r.failures).toEqual([]);
  });
});
