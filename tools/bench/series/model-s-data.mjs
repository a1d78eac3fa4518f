/**
 * The data of the LSTM speed yardstick, model S of
 * shared/reference/pytorch-seq-bench.py, generated the same way:
 * x[t] = sin(2 pi t / 24) + 0.5 sin(2 pi t / 168) + 0.1 (u[t] - 0.5) with u
 * NumPy's RandomState(3).rand (float64, then float32), windows of 48 steps
 * with stride 1; the first nTrain windows train, the 2,000 after a gap of 48
 * steps test.
 *
 * @example
 * const { train, test } = modelSData(8000); // train.n 8000, sampleShape [48, 1]
 */
import { uniformDoubles } from './numpy-random.mjs';

export const MODEL_S = { window: 48, units: 64, batchSize: 128, learningRate: 1e-3, nTest: 2000 };

/** The series itself, float32, as the reference script builds it. */
export function modelSSeries(nTrain) {
  const T = nTrain + MODEL_S.nTest + 3 * MODEL_S.window;
  const u = uniformDoubles(3, T);
  const series = new Float32Array(T);
  for (let t = 0; t < T; t++) series[t] = Math.sin((2 * Math.PI * t) / 24) + 0.5 * Math.sin((2 * Math.PI * t) / 168) + 0.1 * (u[t] - 0.5);
  return series;
}

/** Windows of the series as ArrayData `[n, 48, 1]`: train from step 0, test from step nTrain + 48. */
export function modelSData(nTrain = 8000) {
  const series = modelSSeries(nTrain);
  const W = MODEL_S.window;
  const windows = (start, n, name) => {
    const x = new Float32Array(n * W);
    for (let i = 0; i < n; i++) x.set(series.subarray(start + i, start + i + W), i * W);
    return { name, x, n, sampleShape: [W, 1] };
  };
  return { train: windows(0, nTrain, 'model S train'), test: windows(nTrain + W, MODEL_S.nTest, 'model S test') };
}
