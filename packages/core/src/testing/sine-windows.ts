/** Windows of sine waves, the series data the sequence suites train on. */
import { createRng } from '../rng.js';

/** Windows of a series, with the steps that follow each one when a horizon is asked for. */
export interface SineWindows {
  x: Float32Array;
  n: number;
  sampleShape: [number, number];
  /** The `horizon` steps after each window (absent for horizon 0). */
  y?: Float32Array;
  targetShape?: [number, number];
}

/**
 * `n` windows of `window` steps cut from sine waves of seeded period (8 to
 * 16 steps) and phase, one wave per feature (feature j lags by j steps),
 * with values in [-1, 1]; with `horizon`, `y` holds the next `horizon`
 * steps of the same waves.
 *
 * @example
 * const data = sineWindows(64, 24, { horizon: 6 }); // x: 64 x [24, 1], y: 64 x [6, 1]
 */
export function sineWindows(n: number, window: number, { horizon = 0, features = 1, seed = 1 } = {}): SineWindows {
  const rng = createRng(seed);
  const steps = window + horizon;
  const x = new Float32Array(n * window * features);
  const y = new Float32Array(n * horizon * features);
  for (let i = 0; i < n; i++) {
    const period = 8 + rng.next() * 8;
    const phase = rng.next() * period;
    for (let t = 0; t < steps; t++)
      for (let j = 0; j < features; j++) {
        const v = Math.sin((2 * Math.PI * (t + phase - j)) / period);
        if (t < window) x[(i * window + t) * features + j] = v;
        else y[(i * horizon + t - window) * features + j] = v;
      }
  }
  const data: SineWindows = { x, n, sampleShape: [window, features] };
  return horizon > 0 ? { ...data, y, targetShape: [horizon, features] } : data;
}
