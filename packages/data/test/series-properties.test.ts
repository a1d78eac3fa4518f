/**
 * Property-based tests of the series helpers: windows stay inside their part
 * and cover every step of it, the scaler sees the training steps only, the
 * season of a noisy daily series is found, and a periodic series is forecast
 * exactly by its seasonal-naive forecast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDataset, detectSeason, fitSeriesScaler, forecastErrors, mulberry32, seasonalNaiveForecast, splitSeries, stepScores, windowSeries } from '../src/index.js';

const seriesArb = fc.record({
  lengths: fc.array(fc.integer({ min: 90, max: 160 }), { minLength: 1, maxLength: 3 }),
  features: fc.integer({ min: 1, max: 3 }),
  window: fc.integer({ min: 1, max: 6 }),
  horizon: fc.integer({ min: 0, max: 3 }),
  test: fc.constantFrom(0.2, 0.3, 9),
  validation: fc.constantFrom(0, 0.1, 9),
});

/** Step t of series s holds the code 1000 * s + t in every feature, so a window tells where it came from. */
function makeSeries(lengths: number[], features: number) {
  return lengths.map((steps, s) =>
    createDataset({ name: `s${s}`, sampleShape: [features], x: Float32Array.from({ length: steps * features }, (_, i) => 1000 * s + Math.floor(i / features)) }),
  );
}

// Hundreds of generated series per property: allow for a busy machine.
describe('series properties', { timeout: 30_000 }, () => {
  it('no window or target crosses a part boundary, and every step of a part is covered', () => {
    fc.assert(
      fc.property(seriesArb, ({ lengths, features, window, horizon, test, validation }) => {
        const split = splitSeries(makeSeries(lengths, features), { test, validation, window, horizon });
        for (const part of ['train', 'validation', 'test'] as const) {
          const parts = split[part];
          if (!parts) continue;
          const w = windowSeries(parts, { window, horizon });
          const covered = parts.map((p) => new Uint8Array(p.n));
          for (let i = 0; i < w.n; i++) {
            const s = w.series[i];
            const [from, to] = split.ranges[s][part]!;
            const start = w.starts[i];
            expect(start >= from && start + window + horizon <= to).toBe(true);
            // the window holds exactly its own steps of its own series
            expect(w.x[0 + i * window * features]).toBe(1000 * s + start);
            expect(w.x[(i + 1) * window * features - 1]).toBe(1000 * s + start + window - 1);
            if (horizon > 0) expect(w.y![(i + 1) * horizon * features - 1]).toBe(1000 * s + start + window + horizon - 1);
            for (let t = start; t < start + window; t++) covered[s][t - from] = 1;
          }
          // with stride 1, every step of a part is in some window, but the last `horizon` steps are targets only
          covered.forEach((c, s) => expect(c.subarray(0, c.length - horizon).every((v) => v === 1)).toBe(true));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the scaler is fitted on the training steps only: test and validation values do not change it', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer(), fc.constantFrom<'minmax' | 'standard'>('minmax', 'standard'), ({ lengths, features, test, validation }, seed, kind) => {
        const series = makeSeries(lengths, features);
        const { train, ranges } = splitSeries(series, { test, validation });
        const before = fitSeriesScaler(train, kind).toJSON();
        const rng = mulberry32(seed);
        const changed = series.map((s, i) => {
          const x = Float32Array.from(s.x);
          for (let t = ranges[i].train[1] * features; t < x.length; t++) x[t] = (rng() - 0.5) * 1e6;
          return { ...s, x };
        });
        expect(fitSeriesScaler(splitSeries(changed, { test, validation }).train, kind).toJSON()).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('detectSeason finds 24 in noisy hourly series with a daily cycle', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 20, max: 60 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (seed, days, noise, phase) => {
        const rng = mulberry32(seed);
        const values = Array.from({ length: 24 * days }, (_, t) => 5 + Math.sin((2 * Math.PI * t) / 24 + phase) + noise * Math.sqrt(3) * (2 * rng() - 1));
        expect(detectSeason(values)).toBe(24);
      }),
      { numRuns: 40 },
    );
  });

  it('the seasonal-naive forecast of a periodic series has zero error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((season) =>
          fc.record({
            pattern: fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: season, maxLength: season }),
            cycles: fc.integer({ min: 1, max: 5 }),
            extra: fc.nat(season - 1),
            h: fc.integer({ min: 1, max: 30 }),
          }),
        ),
        ({ pattern, cycles, extra, h }) => {
          const season = pattern.length;
          const at = (t: number) => pattern[t % season];
          const steps = season * cycles + extra;
          const history = Array.from({ length: steps }, (_, t) => at(t));
          const truth = Array.from({ length: h }, (_, k) => at(steps + k));
          const { mae, rmse } = forecastErrors(seasonalNaiveForecast(history, h, season), truth);
          expect([mae, rmse]).toEqual([0, 0]);
        },
      ),
    );
  });

  it('constant window scores give that constant at every covered step, whatever the aggregation', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom<'mean' | 'max' | 'min'>('mean', 'max', 'min'), (starts, window, how) => {
        const length = 50;
        const scores = stepScores(new Array(starts.length).fill(0.25), starts, window, length, how);
        for (let t = 0; t < length; t++) {
          const covered = starts.some((s) => t >= s && t < s + window);
          expect(covered ? scores[t] === 0.25 : Number.isNaN(scores[t])).toBe(true);
        }
      }),
    );
  });
});
