import { describe, expect, it } from 'vitest';
import { perStepErrors } from '../src/series-scores.js';

describe('perStepErrors', () => {
  it('gives each step its mean squared error or cross-entropy over its features', () => {
    const x = new Float32Array([0, 1, 1, 0]);
    const out = new Float32Array([0.5, 1, 1, 0.5]);
    expect(Array.from(perStepErrors('mse', x, out, 1, 2, 2))).toEqual([0.125, 0.125]);
    const bce = perStepErrors('bce', x, out, 1, 2, 2);
    expect(bce[0]).toBeCloseTo(Math.log(2) / 2, 5);
  });
  it('refuses a multinomial model, whose loss belongs to the whole window', () => {
    expect(() => perStepErrors('multinomial', new Float32Array(4), new Float32Array(4), 1, 2, 2)).toThrow(
      "step scores: a model trained with the multinomial loss has no per-step error; train the series model with 'mse' or 'bce'",
    );
  });
});
