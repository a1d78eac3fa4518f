import { describe, expect, it } from 'vitest';
import { averagePrecision, calibrateThreshold, evaluateDetection, rocAuc, ConfigError } from '../src/index.js';

describe('anomaly thresholds', () => {
  it('is the (1 - contamination) quantile, interpolated', () => {
    const scores = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(calibrateThreshold(scores, 0.1)).toBeCloseTo(90, 10);
    expect(calibrateThreshold(scores, 0.015)).toBeCloseTo(98.5, 10);
    expect(calibrateThreshold(scores, 0)).toBe(100);
    expect(calibrateThreshold([3, 1, 2], 0.5)).toBe(2);
  });
  it('rejects bad input by name', () => {
    expect(() => calibrateThreshold([1, 2], 1)).toThrow(ConfigError);
    expect(() => calibrateThreshold([], 0.1)).toThrow(/no scores/);
    expect(() => calibrateThreshold([1, Number.NaN], 0.1)).toThrow(/NaN/);
  });
  it('evaluates precision, recall, F1 and ROC AUC', () => {
    const scores = [0.1, 0.2, 0.3, 0.9, 0.8, 0.35];
    const labels = [0, 0, 0, 1, 1, 1];
    const r = evaluateDetection(scores, labels, 0.5);
    expect(r).toMatchObject({ flagged: 2, anomalies: 3, precision: 1 });
    expect(r.recall).toBeCloseTo(2 / 3, 10);
    expect(r.f1).toBeCloseTo(0.8, 10);
    expect(r.rocAuc).toBe(1);
    expect(evaluateDetection([1, 1, 1, 1], [0, 1, 0, 1], 0).rocAuc).toBe(0.5);
    expect(evaluateDetection([0.9, 0.1], [0, 1], 0.5).rocAuc).toBe(0);
    expect(() => evaluateDetection([1], [1, 0], 0)).toThrow(/1 scores but 2 labels/);
  });
});

describe('rocAuc and averagePrecision', () => {
  it("match scikit-learn's roc_auc_score and average_precision_score", () => {
    // sklearn: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75; average_precision_score = 0.8333...
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(5 / 6, 12);
  });

  it('count ties together and give NaN without positives', () => {
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(averagePrecision([0.5, 0.5, 0.1], [1, 0, 0])).toBeCloseTo(0.5, 12);
    expect(averagePrecision([0.5, 0.1], [0, 0])).toBeNaN();
    expect(() => averagePrecision([0.5], [0, 1])).toThrow(/1 scores but 2 labels/);
  });
});
