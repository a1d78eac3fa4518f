import { describe, expect, it } from 'vitest';
import { imageMetrics, PSNR_CAP, ShapeError } from '../src/index.js';

describe('imageMetrics', () => {
  it('averages per-sample MSE, BCE and PSNR (hand-computed)', () => {
    // sample 0: clean [0, 1], output [0.5, 0.5]; sample 1: clean [1, 1], output [0.9, 0.7]
    const clean = Float32Array.from([0, 1, 1, 1]);
    const out = Float32Array.from([0.5, 0.5, 0.9, 0.7]);
    const m = imageMetrics(clean, out, 2);
    const mse0 = 0.25;
    const mse1 = (0.01 + 0.09) / 2;
    const bce0 = Math.log(2);
    const bce1 = -(Math.log(0.9) + Math.log(0.7)) / 2;
    const psnr = (10 * Math.log10(1 / mse0) + 10 * Math.log10(1 / mse1)) / 2;
    expect(m.n).toBe(2);
    expect(m.mse).toBeCloseTo((mse0 + mse1) / 2, 6);
    expect(m.bce).toBeCloseTo((bce0 + bce1) / 2, 6);
    expect(m.psnr).toBeCloseTo(psnr, 5);
  });

  it('counts only masked entries, skips samples without any, caps exact samples', () => {
    const clean = Float32Array.from([0, 1, 1, 1, 0.2, 0.2]);
    const out = Float32Array.from([0.5, 1, 0.9, 0.7, 0.2, 0.2]);
    const mask = [1, 0, 0, 0, 1, 1];
    const m = imageMetrics(clean, out, 3, mask);
    expect(m.n).toBe(2); // sample 1 has no counted entry
    expect(m.mse).toBeCloseTo(0.125, 6); // (0.25 + 0) / 2
    expect(m.psnr).toBeCloseTo((10 * Math.log10(4) + PSNR_CAP) / 2, 5);
  });

  it('uses the given peak; BCE is NaN for clean values outside [0, 1]', () => {
    const m = imageMetrics(Float32Array.from([0, 2]), Float32Array.from([1, 2]), 1, undefined, { peak: 2 });
    expect(m.mse).toBeCloseTo(0.5, 6);
    expect(m.psnr).toBeCloseTo(10 * Math.log10(4 / 0.5), 5);
    expect(m.bce).toBeNaN();
  });

  it('names what does not fit', () => {
    expect(() => imageMetrics(new Float32Array(4), new Float32Array(3), 2)).toThrow(ShapeError);
    expect(() => imageMetrics(new Float32Array(4), new Float32Array(4), 3)).toThrow(/do not split into 3 samples/);
    expect(() => imageMetrics(new Float32Array(4), new Float32Array(4), 2, [1])).toThrow(/mask has 1 values, expected 4/);
  });
});
