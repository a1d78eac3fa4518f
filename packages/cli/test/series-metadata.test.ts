import { describe, expect, it } from 'vitest';
import { readSeriesMetadata } from '../src/series-metadata.js';
import { checkSeriesFlags, seriesTarget } from '../src/series-flags.js';

const good = { window: 48, horizon: 12, stride: 1, split: { test: 0.2, validation: 0.1 } };

describe('readSeriesMetadata', () => {
  it('reads what train --window saved', () => {
    expect(readSeriesMetadata({ ...good, season: 24 }, 'm/model.json')).toEqual({ ...good, season: 24 });
  });
  it.each([
    [{ ...good, window: 0 }, '"metadata.series.window" must be an integer >= 1, found 0'],
    [{ ...good, horizon: '12' }, '"metadata.series.horizon" must be an integer >= 0, found "12"'],
    [{ ...good, split: { test: 1.5, validation: 0 } }, '"metadata.series.split.test" must be a fraction in [0, 1), found 1.5'],
    [{ ...good, split: { test: 0.6, validation: 0.5 } }, '"metadata.series.split" must be fractions that leave a training range'],
    [[1], '"metadata.series" must be an object'],
  ])('refuses %j, naming the file and field', (value, message) => {
    expect(() => readSeriesMetadata(value, 'm/model.json')).toThrow(message);
    expect(() => readSeriesMetadata(value, 'm/model.json')).toThrow(/^m\/model\.json: /);
  });
});

describe('the series flags', () => {
  it('make the target of the next horizon steps of every feature', () => {
    expect(seriesTarget({ window: 48, horizon: 12 }, 3)).toEqual({ shape: [12, 3], objective: 'predict' });
    expect(seriesTarget({ window: 48, horizon: 2, objective: 'composite', predictionWeight: 0.5 }, 1)).toEqual({ shape: [2, 1], objective: 'composite', weight: 0.5 });
    expect(seriesTarget({ window: 48 }, 1)).toBeUndefined();
  });
  it.each([
    [{ season: 24 }, '--season needs --window'],
    [{ stride: 2 }, '--stride needs --window'],
    [{ window: 8, horizon: 2, objective: 'predict' as const, predictionWeight: 2 }, '--prediction-weight needs --objective composite'],
  ])('refuse %j', (flags, message) => {
    expect(() => checkSeriesFlags(flags)).toThrow(message);
  });
});
