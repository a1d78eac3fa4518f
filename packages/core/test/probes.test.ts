import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, createRng, knnProbe, logisticProbe } from '../src/index.js';
import { expectNoLeak } from './helpers.js';

/** Two Gaussian blobs per class around well-separated centres, d dimensions. */
function blobs(n: number, d: number, classes: number, seed: number, spread = 0.3) {
  const rng = createRng(seed);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    for (let j = 0; j < d; j++) {
      const g = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      x[i * d + j] = (j === y[i] ? 3 : 0) + spread * g;
    }
  }
  return { x, y };
}

describe('knnProbe', () => {
  it('matches a hand-worked 1-D example', () => {
    const train = Float32Array.from([0, 1, 2, 10, 11, 12]);
    const labels = [0, 0, 1, 1, 1, 1];
    // k = 3: 0.4 -> {0, 1, 2} labels 0, 0, 1 -> 0; 1.9 -> {2, 1, 0} -> 1, 0, 0 -> 0; 9 -> 1
    expect(knnProbe(train, labels, Float32Array.from([0.4, 1.9, 9]), [0, 0, 1], 1, 3)).toBe(1);
    expect(knnProbe(train, labels, Float32Array.from([0.4, 1.9, 9]), [0, 1, 1], 1, 3)).toBeCloseTo(2 / 3, 10);
    // k = 1: nearest only
    expect(knnProbe(train, labels, Float32Array.from([1.9]), [1], 1, 1)).toBe(1);
    // a 1-1 tie (k = 2) goes to the nearer neighbour's class
    expect(knnProbe(train, labels, Float32Array.from([1.6]), [1], 1, 2)).toBe(1);
  });

  it('separates blobs, leaks nothing', async () => {
    const train = blobs(300, 6, 3, 1);
    const test = blobs(90, 6, 3, 2);
    await expectNoLeak(() => expect(knnProbe(train.x, train.y, test.x, test.y, 6)).toBe(1));
  });

  it('names bad input', () => {
    expect(() => knnProbe(new Float32Array(5), [0, 1], new Float32Array(2), [0], 2)).toThrow(ShapeError);
    expect(() => knnProbe(new Float32Array(4), [0, -1], new Float32Array(2), [0], 2)).toThrow(/label 1 is -1/);
    expect(() => knnProbe(new Float32Array(4), [0, 1], new Float32Array(2), [0], 2, 0)).toThrow(ConfigError);
  });
});

describe('logisticProbe', () => {
  it('separates blobs, is deterministic for a seed, leaks nothing', async () => {
    const train = blobs(300, 6, 3, 1);
    const test = blobs(90, 6, 3, 2);
    await expectNoLeak(() => expect(logisticProbe(train.x, train.y, test.x, test.y, 6, { seed: 3 })).toBe(1));
  });

  it('is at chance on labels unrelated to the features, and repeats itself', () => {
    const train = blobs(400, 4, 2, 1);
    const test = blobs(400, 4, 2, 2);
    const shuffled = Int32Array.from(test.y, (_, i) => (i * 7919) % 3 === 0 ? 1 : 0);
    const a = logisticProbe(train.x, train.y, test.x, shuffled, 4, { seed: 5 });
    expect(a).toBe(logisticProbe(train.x, train.y, test.x, shuffled, 4, { seed: 5 }));
    expect(Math.abs(a - 0.5)).toBeLessThan(0.1);
  });

  it('a constant feature does not break the standardisation', () => {
    const x = Float32Array.from([0, 5, 1, 5, 2, 5, 3, 5]);
    expect(logisticProbe(x, [0, 0, 1, 1], x, [0, 0, 1, 1], 2, { epochs: 200, learningRate: 0.1 })).toBe(1);
  });
});
