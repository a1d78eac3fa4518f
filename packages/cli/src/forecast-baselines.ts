/**
 * The yardsticks of `hourglass evaluate`: the naive forecast (the last
 * value, repeated) and the seasonal-naive forecast (the value one season
 * earlier) of the very windows the model forecasts, each computed from the
 * whole history of its series before the forecast's origin, in data units.
 * The season is `--season`, else the one given at
 * training, else detected by autocorrelation on the training range of the
 * first series' first column.
 */
import { detectSeason, forecastErrors, naiveForecast, seasonalNaiveForecast, type ArrayDataset } from '@hourglass/data';

/** A season and where it came from. */
export interface SeasonChoice {
  season?: number;
  source: 'given' | 'saved at training' | 'detected' | 'none detected';
}

/**
 * The season of the seasonal-naive baseline.
 *
 * @example
 * chooseSeason(undefined, 24, train); // { season: 24, source: 'saved at training' }
 */
export function chooseSeason(given: number | undefined, saved: number | undefined, trainParts: ArrayDataset[]): SeasonChoice {
  if (given !== undefined) return { season: given, source: 'given' };
  if (saved !== undefined) return { season: saved, source: 'saved at training' };
  const first = trainParts[0];
  const f = first.sampleShape[0];
  const values = Float32Array.from({ length: first.n }, (_, t) => first.x[t * f]);
  const season = detectSeason(values);
  return season ? { season, source: 'detected' } : { source: 'none detected' };
}

/** Where a forecast starts: its series and the step of its first forecast value. */
export interface ForecastOrigin {
  series: number;
  step: number;
}

/**
 * The naive and (with a season) seasonal-naive forecasts from each origin, [origins, horizon, features] row-major, with their errors against `truth`.
 *
 * @example
 * const { naive, seasonalNaive } = baselineErrors(raw, origins, 12, 24, truth);
 */
export function baselineErrors(raw: ArrayDataset[], origins: ForecastOrigin[], horizon: number, season: number | undefined, truth: Float32Array) {
  const f = raw[0].sampleShape[0];
  const naive = new Float32Array(origins.length * horizon * f);
  const seasonal = season ? new Float32Array(naive.length) : undefined;
  origins.forEach(({ series, step }, i) => {
    const history = raw[series].x.subarray(0, step * f); // every step before the origin, [step, features]
    naive.set(naiveForecast(history, horizon, f), i * horizon * f);
    if (seasonal) seasonal.set(seasonalNaiveForecast(history, horizon, season!, f), i * horizon * f);
  });
  return {
    naive: forecastErrors(naive, truth),
    seasonalNaive: seasonal ? { ...forecastErrors(seasonal, truth), season: season! } : null,
  };
}
