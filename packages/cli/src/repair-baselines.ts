/**
 * Classical repairs that `hourglass repair` measures a model against, on
 * images [n, height, width, channels] (flat samples that are square images
 * are drawn as such) in [0, 1]:
 *
 * - fills, for missing entries (the known ones are kept): `meanFill` (the
 *   mean of the image's known pixels, per channel) and `diffusionFill` (the
 *   harmonic fill: each missing pixel becomes the mean of its four
 *   neighbours, repeated until it settles, so holes are filled smoothly from
 *   their borders; core's `diffusionFill`);
 * - filters, for noise and blur (every pixel is replaced): `median` (3x3)
 *   and `gaussian` (Gaussian smoothing, with the standard deviation among
 *   0.5, 1, 1.5 and 2 that suits the data best: a baseline tuned with the
 *   clean data, so stronger than any fixed choice).
 */
import { diffusionFill as fillByDiffusion, gaussianBlur, tf } from '@hourglass/core';

/** An image shape: height, width, channels. */
type Shape = [number, number, number];

/**
 * Missing entries (known = 0) set to the mean of the known entries of the same image and channel.
 *
 * @example
 * const filled = meanFill(damaged, known, n, [28, 28, 1]);
 */
export function meanFill(x: Float32Array, known: Float32Array, n: number, [h, w, c]: Shape): Float32Array {
  const out = x.slice();
  const per = h * w * c;
  for (let i = 0; i < n; i++)
    for (let ch = 0; ch < c; ch++) {
      let [sum, count] = [0, 0];
      for (let p = ch; p < per; p += c) if (known[i * per + p]) (sum += x[i * per + p]), count++;
      const mean = count ? sum / count : 0;
      for (let p = ch; p < per; p += c) if (!known[i * per + p]) out[i * per + p] = mean;
    }
  return out;
}

/** Sweeps of the diffusion fill baseline: enough for holes of 20 pixels across to settle. */
const DIFFUSION_SWEEPS = 500;

/**
 * The harmonic fill of the missing entries (core's `diffusionFill`): from
 * the mean fill, each missing pixel becomes the mean of its existing
 * 4-neighbours, for 500 sweeps.
 *
 * @example
 * const filled = diffusionFill(damaged, known, n, [28, 28, 1]);
 */
export function diffusionFill(x: Float32Array, known: Float32Array, n: number, shape: Shape): Float32Array {
  return tf.tidy(() => (fillByDiffusion(tf.tensor4d(x, [n, ...shape]), tf.tensor4d(known, [n, ...shape]), DIFFUSION_SWEEPS).dataSync() as Float32Array).slice());
}

/**
 * The 3x3 median filter of every pixel (the window cut at the borders), per channel.
 *
 * @example
 * const smoothed = medianFilter(noisy, n, [28, 28, 1]);
 */
export function medianFilter(x: Float32Array, n: number, [h, w, c]: Shape): Float32Array {
  const out = new Float32Array(x.length);
  const per = h * w * c;
  const window: number[] = [];
  for (let i = 0; i < n; i++)
    for (let r = 0; r < h; r++)
      for (let col = 0; col < w; col++)
        for (let ch = 0; ch < c; ch++) {
          window.length = 0;
          for (let dr = -1; dr <= 1; dr++)
            for (let dc = -1; dc <= 1; dc++) {
              const [rr, cc] = [r + dr, col + dc];
              if (rr >= 0 && rr < h && cc >= 0 && cc < w) window.push(x[i * per + (rr * w + cc) * c + ch]);
            }
          window.sort((a, b) => a - b);
          const m = window.length >> 1;
          out[i * per + (r * w + col) * c + ch] = window.length % 2 ? window[m] : (window[m - 1] + window[m]) / 2;
        }
  return out;
}

/** Standard deviations the Gaussian filter baseline tries. */
export const GAUSSIAN_SIGMAS = [0.5, 1, 1.5, 2];

/**
 * Gaussian smoothing with each of `sigmas`; returns every result, so the
 * caller can keep the one closest to the clean data.
 *
 * @example
 * const [s05, s1] = gaussianFilters(noisy, n, [28, 28, 1], [0.5, 1]);
 */
export function gaussianFilters(x: Float32Array, n: number, shape: Shape, sigmas: number[] = GAUSSIAN_SIGMAS): Float32Array[] {
  return sigmas.map((sigma) =>
    tf.tidy(() => (gaussianBlur(tf.tensor4d(x, [n, ...shape]), sigma).dataSync() as Float32Array).slice()),
  );
}
