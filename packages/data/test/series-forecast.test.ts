import { describe, expect, it } from 'vitest';
import { detectSeason, forecastErrors, mulberry32, naiveForecast, readData, seasonalNaiveForecast } from '../src/index.js';
import { expectDataError } from './helpers.js';

describe('baseline forecasts', () => {
  it('naive repeats the last step of every feature', () => {
    expect(Array.from(naiveForecast([1, 2, 3], 2))).toEqual([3, 3]);
    expect(Array.from(naiveForecast([1, 10, 2, 20], 3, 2))).toEqual([2, 20, 2, 20, 2, 20]);
  });

  it('seasonal-naive repeats the last season, for horizons longer than a season too', () => {
    expect(Array.from(seasonalNaiveForecast([9, 1, 2, 3], 7, 3))).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expect(Array.from(seasonalNaiveForecast([1, 10, 2, 20, 3, 30], 2, 2, 2))).toEqual([2, 20, 3, 30]);
  });

  it('rejects histories shorter than what the forecast looks back on', () => {
    expectDataError(() => seasonalNaiveForecast([1, 2], 1, 3), { message: /history has 2 steps, fewer than the 3/ });
    expectDataError(() => naiveForecast([], 1), { message: /history has 0 steps/ });
    expectDataError(() => naiveForecast([1, 2, 3], 1, 2), { message: /not a whole number of steps of 2 features/ });
    expectDataError(() => naiveForecast([1], 0), { message: /h \(the steps to forecast\)/ });
  });

  it('forecastErrors gives MAE and RMSE', () => {
    const e = forecastErrors([1, 2, 3, 4], [1, 2, 5, 2]);
    expect(e.mae).toBeCloseTo(1, 12);
    expect(e.rmse).toBeCloseTo(Math.sqrt(2), 12);
    expectDataError(() => forecastErrors([1], [1, 2]), { message: /1 values but the truth has 2/ });
    expectDataError(() => forecastErrors([NaN], [1]), { row: 0 });
  });
});

describe('detectSeason', () => {
  const noisy = (steps: number, period: number, noise: number, seed = 1, trend = 0) => {
    const rng = mulberry32(seed);
    return Array.from({ length: steps }, (_, t) => Math.sin((2 * Math.PI * t) / period) + noise * (rng() * 2 - 1) * Math.sqrt(3) + trend * t);
  };

  it('finds the season of noisy, trending and harmonic series', () => {
    expect(detectSeason(noisy(24 * 60, 24, 0.5))).toBe(24);
    expect(detectSeason(noisy(24 * 60, 24, 0.3, 2, 0.01))).toBe(24);
    expect(detectSeason(noisy(288 * 10, 288, 0.3))).toBe(288);
    // two bumps a day, the second weaker: the day, not the half day
    const day = Array.from({ length: 24 * 40 }, (_, t) => Math.sin((2 * Math.PI * t) / 24) + 0.5 * Math.sin((2 * Math.PI * t) / 12));
    expect(detectSeason(day)).toBe(24);
  });

  it('finds the daily season of the bundled NAB series (5-minute steps: 288)', () => {
    for (const name of ['nab/art_daily_small_noise', 'nab/art_daily_jumpsup']) {
      expect(detectSeason(readData(name, { columns: ['value'] }).x), name).toBe(288);
    }
  });

  it('finds none in noise, a line, a constant, or beyond maxLag', () => {
    const rng = mulberry32(3);
    expect(detectSeason(Array.from({ length: 2000 }, () => rng()))).toBeUndefined();
    expect(detectSeason(Array.from({ length: 500 }, (_, t) => 3 * t + 1))).toBeUndefined();
    expect(detectSeason(new Array(100).fill(7))).toBeUndefined();
    expect(detectSeason(noisy(24 * 60, 24, 0.1), 20)).toBeUndefined();
    expect(detectSeason([1, 2, 3])).toBeUndefined();
    expectDataError(() => detectSeason([1, NaN, 3]), { row: 1 });
  });
});
