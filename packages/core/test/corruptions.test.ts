import { describe, expect, it } from 'vitest';
import { tf, gaussianNoise, maskingNoise, saltAndPepper, blockOcclusion, gaussianBlur, ShapeError } from '../src/index.js';
import { expectNoLeak, values } from './helpers.js';

const x = () => tf.fill([4, 10, 10, 1], 0.5);

describe('corruptions', () => {
  it('are deterministic for a seed and differ across seeds', () => {
    for (const f of [
      (s: number) => gaussianNoise(x(), 0.3, s),
      (s: number) => maskingNoise(x(), 0.3, s),
      (s: number) => saltAndPepper(x(), 0.3, s),
      (s: number) => blockOcclusion(x(), 3, s),
    ]) {
      expect(values(f(1))).toEqual(values(f(1)));
      expect(values(f(1))).not.toEqual(values(f(2)));
    }
  });
  it('gaussian noise has the requested spread and can be clipped', () => {
    const v = values(gaussianNoise(tf.zeros([20000]), 0.4, 3));
    const std = Math.sqrt(v.reduce((s, a) => s + a * a, 0) / v.length);
    expect(std).toBeCloseTo(0.4, 1);
    const c = values(gaussianNoise(x(), 2, 3, [0, 1]));
    expect(Math.min(...c)).toBe(0);
    expect(Math.max(...c)).toBe(1);
  });
  it('masking zeroes about the given fraction', () => {
    const v = values(maskingNoise(tf.ones([10000]), 0.25, 4));
    const zeros = v.filter((a) => a === 0).length / v.length;
    expect(zeros).toBeGreaterThan(0.22);
    expect(zeros).toBeLessThan(0.28);
    expect(v.every((a) => a === 0 || a === 1)).toBe(true);
  });
  it('salt and pepper sets entries to the extremes', () => {
    const v = values(saltAndPepper(tf.fill([10000], 0.5), 0.2, 5));
    const salt = v.filter((a) => a === 1).length / v.length;
    const pepper = v.filter((a) => a === 0).length / v.length;
    expect(salt).toBeCloseTo(0.1, 1);
    expect(pepper).toBeCloseTo(0.1, 1);
    expect(v.filter((a) => a === 0.5).length / v.length).toBeCloseTo(0.8, 1);
  });
  it('block occlusion blanks one block per image, or a run for flat data', () => {
    const v = values(blockOcclusion(x(), 3, 6));
    for (let i = 0; i < 4; i++) expect(v.slice(i * 100, (i + 1) * 100).filter((a) => a === 0)).toHaveLength(9);
    const f = values(blockOcclusion(tf.ones([2, 20]), 5, 7));
    expect(f.filter((a) => a === 0)).toHaveLength(10);
    expect(() => blockOcclusion(x(), 11, 1)).toThrow(ShapeError);
  });
  it('block occlusion cuts a gap of whole steps out of each window of a series', () => {
    const v = values(blockOcclusion(tf.ones([3, 12, 2]), 4, 8));
    for (let i = 0; i < 3; i++) {
      const window = v.slice(i * 24, (i + 1) * 24);
      const gone = Array.from({ length: 12 }, (_, t) => window[2 * t] + window[2 * t + 1]).map((s) => (s === 0 ? 1 : s === 2 ? 0 : NaN));
      expect(gone.some(Number.isNaN)).toBe(false); // each step keeps both features or loses both
      expect(gone.join('')).toMatch(/^0*11110*$/);
    }
    // One feature: the same run as a flat sample of that length.
    expect(values(blockOcclusion(tf.ones([3, 12, 1]), 4, 8))).toEqual(values(blockOcclusion(tf.ones([3, 12]), 4, 8)));
    expect(() => blockOcclusion(tf.ones([1, 5, 3]), 6, 1)).toThrow('occlusion gap 6 is longer than a window (5 steps)');
  });
  it('blur keeps the mean of a constant image and smooths an edge', () => {
    const img = tf.concat([tf.zeros([1, 9, 4, 1]), tf.ones([1, 9, 5, 1])], 2);
    const b = gaussianBlur(img, 1);
    expect(b.shape).toEqual([1, 9, 9, 1]);
    const row = values(b).slice(4 * 9, 5 * 9);
    expect(row[3]).toBeGreaterThan(0.05);
    expect(row[4]).toBeLessThan(0.95);
    expect(values(gaussianBlur(x(), 1))[55]).toBeCloseTo(0.5, 5);
  });
  it('blur keeps every pixel of a constant image, corners and edges included', () => {
    const cases: Array<[number, [number, number, number, number]]> = [[1, [2, 10, 10, 1]], [2.5, [1, 7, 12, 3]], [4, [1, 5, 5, 1]]];
    for (const [sigma, shape] of cases) {
      const out = values(gaussianBlur(tf.fill(shape, 0.5), sigma));
      expect(out.length).toBe(shape.reduce((a, b) => a * b, 1));
      for (const v of out) expect(v).toBeCloseTo(0.5, 5);
    }
  });
  it('blur is a weighted mean of the pixels inside the image at a corner', () => {
    // sigma 1: taps at offsets -2..2 weigh e^-2, e^-0.5, 1, e^-0.5, e^-2. At the corner of a 3x3 image only
    // offsets 0, 1, 2 exist on each axis, so the lit corner pixel weighs 1 / (1 + e^-0.5 + e^-2)^2.
    const img = tf.tensor4d([1, 0, 0, 0, 0, 0, 0, 0, 0], [1, 3, 3, 1]);
    const mass = 1 + Math.exp(-0.5) + Math.exp(-2);
    expect(values(gaussianBlur(img, 1))[0]).toBeCloseTo(1 / (mass * mass), 5);
  });
  it('leak nothing', async () => {
    const input = x();
    await expectNoLeak(() => {
      gaussianNoise(input, 0.1, 1, [0, 1]).dispose();
      maskingNoise(input, 0.1, 1, 0.5).dispose();
      saltAndPepper(input, 0.1, 1).dispose();
      blockOcclusion(input, 2, 1, 0.5).dispose();
      gaussianBlur(input, 1).dispose();
    });
  });
});
