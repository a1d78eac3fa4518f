import { describe, expect, it } from 'vitest';
import { tf, ConfigError, ShapeError, blockOcclusion, diffusionFill, maskingMask, maskingNoise, occlusionMask } from '../src/index.js';
import { expectNoLeak, values } from './helpers.js';

/** A [1, h, w, 1] image whose pixel (r, c) is f(r, c), and a mask with a hole rows r0..r1, columns c0..c1 (inclusive). */
function imageWithHole(h: number, w: number, f: (r: number, c: number) => number, [r0, r1, c0, c1]: number[]) {
  const x = new Float32Array(h * w);
  const known = new Float32Array(h * w).fill(1);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      x[r * w + c] = f(r, c);
      if (r >= r0 && r <= r1 && c >= c0 && c <= c1) known[r * w + c] = 0;
    }
  return { x, known };
}

describe('diffusionFill', () => {
  it('keeps known pixels exactly and fills a hole in a linear ramp with the ramp (a harmonic function)', () => {
    const f = (r: number, c: number) => 0.1 + 0.03 * r + 0.02 * c;
    const { x, known } = imageWithHole(12, 12, f, [3, 8, 4, 9]);
    const damaged = x.map((v, i) => (known[i] ? v : 0.9));
    const out = tf.tidy(() => values(diffusionFill(tf.tensor4d(damaged, [1, 12, 12, 1]), tf.tensor4d(known, [1, 12, 12, 1]), 400)));
    for (let i = 0; i < x.length; i++) {
      if (known[i]) expect(out[i]).toBe(damaged[i]);
      else expect(out[i]).toBeCloseTo(x[i], 4);
    }
  });

  it('fills a constant image with its constant, per channel, and a sample with nothing known with 0', () => {
    const [h, w] = [6, 7];
    const x = new Float32Array(2 * h * w * 2);
    const known = new Float32Array(x.length);
    for (let p = 0; p < h * w; p++) {
      x[p * 2] = 0.25; // sample 0, channel 0
      x[p * 2 + 1] = 0.75; // sample 0, channel 1
      known[p * 2] = known[p * 2 + 1] = p % 3 === 0 ? 1 : 0;
      x[h * w * 2 + p * 2] = x[h * w * 2 + p * 2 + 1] = 0.5; // sample 1: nothing known
    }
    const out = tf.tidy(() => values(diffusionFill(tf.tensor4d(x, [2, h, w, 2]), tf.tensor4d(known, [2, h, w, 2]))));
    for (let p = 0; p < h * w; p++) {
      expect(out[p * 2]).toBeCloseTo(0.25, 6);
      expect(out[p * 2 + 1]).toBeCloseTo(0.75, 6);
      expect(out[h * w * 2 + p * 2]).toBe(0);
    }
  });

  it('interpolates a gap of a series linearly along time, per feature', () => {
    const steps = 10;
    const x = new Float32Array(steps * 2);
    const known = new Float32Array(steps * 2).fill(1);
    for (let t = 0; t < steps; t++) {
      x[t * 2] = t;
      x[t * 2 + 1] = 5 - t * 0.5;
      if (t >= 3 && t <= 6) known[t * 2] = known[t * 2 + 1] = 0;
    }
    const out = tf.tidy(() => values(diffusionFill(tf.tensor3d(x.map((v, i) => (known[i] ? v : -1)), [1, steps, 2]), tf.tensor3d(known, [1, steps, 2]), 200)));
    for (let t = 3; t <= 6; t++) {
      expect(out[t * 2]).toBeCloseTo(t, 4);
      expect(out[t * 2 + 1]).toBeCloseTo(5 - t * 0.5, 4);
    }
  });

  it('refuses flat samples, a mask of another shape and a bad sweep count', () => {
    tf.tidy(() => {
      expect(() => diffusionFill(tf.zeros([2, 6]), tf.ones([2, 6]))).toThrow(ShapeError);
      expect(() => diffusionFill(tf.zeros([2, 6]), tf.ones([2, 6]))).toThrow(/flat samples have no neighbouring entries/);
      expect(() => diffusionFill(tf.zeros([1, 4, 4, 1]), tf.ones([1, 4, 4, 2]))).toThrow(/must have the shape of the batch \[1, 4, 4, 1\], got \[1, 4, 4, 2\]/);
      expect(() => diffusionFill(tf.zeros([1, 4, 4, 1]), tf.ones([1, 4, 4, 1]), 1.5)).toThrow(ConfigError);
    });
  });

  it('leaks nothing', async () => {
    await expectNoLeak(() => {
      const [x, known] = [tf.randomUniform([3, 8, 8, 1], 0, 1, 'float32', 1), occlusionMask([3, 8, 8, 1], 3, 2)];
      tf.dispose([diffusionFill(x, known, 10), x, known]);
    });
  });
});

describe('corruption masks', () => {
  it('are the masks blockOcclusion and maskingNoise blank with', () => {
    tf.tidy(() => {
      const x = tf.randomUniform([4, 9, 9, 1], 0.1, 1, 'float32', 5);
      expect(values(blockOcclusion(x, 4, 11))).toEqual(values(tf.mul(x, occlusionMask(x.shape, 4, 11))));
      expect(values(maskingNoise(x, 0.3, 12))).toEqual(values(tf.mul(x, maskingMask(x.shape, 0.3, 12))));
      const holes = values(occlusionMask(x.shape, 4, 11)).filter((v) => v === 0).length;
      expect(holes).toBe(4 * 16);
    });
  });
});
