/**
 * Input corruptions for denoising and inpainting training, as tensor ops,
 * exported for corruption plug-ins (the denoising variant calls each of
 * them). The random ones take an explicit seed: the same seed gives the same
 * corruption on the same backend; the blur is deterministic.
 */
import { tf } from './tf.js';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { ShapeError } from './errors.js';
import { createRng } from './rng.js';
import { sizeOf } from './shape.js';

/**
 * Adds N(0, std^2) noise; with `clip`, clamps the result to [clip[0], clip[1]].
 *
 * @example
 * const noisy = gaussianNoise(x, 0.4, 7, [0, 1]);
 */
export function gaussianNoise(x: Tensor, std: number, seed: number, clip?: [number, number]): Tensor {
  return tf.tidy(() => {
    const y = tf.add(x, tf.randomNormal(x.shape, 0, std, 'float32', seed));
    return clip ? tf.clipByValue(y, clip[0], clip[1]) : y;
  });
}

/**
 * The known-entry mask of masking noise: 0 with probability `rate`, else 1
 * (float32, shaped `shape`), seeded like `maskingNoise`.
 *
 * @example
 * const known = maskingMask(x.shape, 0.5, seed); // x * known is maskingNoise(x, 0.5, seed)
 */
export function maskingMask(shape: number[], rate: number, seed: number): Tensor {
  return tf.tidy(() => tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, 'float32', seed), rate), 'float32'));
}

/**
 * Sets each entry to `fill` (default 0) with probability `rate` (masking / dropout noise).
 *
 * @example
 * const masked = maskingNoise(x, 0.25, seed);
 */
export function maskingNoise(x: Tensor, rate: number, seed: number, fill = 0): Tensor {
  return tf.tidy(() => fillMissing(x, maskingMask(x.shape, rate, seed), fill));
}

/** `x` where `keep` is 1, `fill` where it is 0. */
function fillMissing(x: Tensor, keep: Tensor, fill: number): Tensor {
  return fill === 0 ? tf.mul(x, keep) : tf.add(tf.mul(x, keep), tf.mul(tf.sub(1, keep), fill));
}

/**
 * Sets entries to `low` or `high` (default 0 / 1), each with probability rate / 2.
 *
 * @example
 * const speckled = saltAndPepper(x, 0.1, seed);
 */
export function saltAndPepper(x: Tensor, rate: number, seed: number, low = 0, high = 1): Tensor {
  return tf.tidy(() => {
    const u = tf.randomUniform(x.shape, 0, 1, 'float32', seed);
    const pepper = tf.less(u, rate / 2);
    const salt = tf.greaterEqual(u, 1 - rate / 2);
    return tf.where(pepper, tf.fill(x.shape, low), tf.where(salt, tf.fill(x.shape, high), x));
  });
}

/**
 * The known-entry mask of block occlusion (float32, shaped `shape`): 0 in
 * one `size` x `size` block per image at a seeded position (a gap of `size`
 * steps per window of a series, a run of `size` entries per flat sample),
 * 1 elsewhere. `blockOcclusion` blanks where it is 0.
 *
 * @example
 * const known = occlusionMask(images.shape, 8, seed); // images * known is blockOcclusion(images, 8, seed)
 */
export function occlusionMask(shape: number[], size: number, seed: number): Tensor {
  const rng = createRng(seed);
  const [n, ...sample] = shape;
  const per = sizeOf(sample);
  const keep = new Float32Array(n * per).fill(1);
  if (sample.length === 3) {
    const [h, w, c] = sample;
    if (size > h || size > w) throw new ShapeError(`occlusion block ${size} does not fit images of ${h}x${w}`);
    for (let i = 0; i < n; i++) {
      const top = Math.floor(rng.next() * (h - size + 1));
      const left = Math.floor(rng.next() * (w - size + 1));
      for (let r = top; r < top + size; r++)
        for (let col = left; col < left + size; col++) for (let ch = 0; ch < c; ch++) keep[i * per + (r * w + col) * c + ch] = 0;
    }
  } else {
    // A run of `size` steps; a step of a window is `features` entries, of a flat sample one.
    const [steps, width] = sample.length === 2 ? sample : [per, 1];
    if (size > steps)
      throw new ShapeError(sample.length === 2 ? `occlusion gap ${size} is longer than a window (${steps} steps)` : `occlusion run ${size} is longer than a sample (${per} entries)`);
    for (let i = 0; i < n; i++) {
      const start = Math.floor(rng.next() * (steps - size + 1));
      keep.fill(0, i * per + start * width, i * per + (start + size) * width);
    }
  }
  return tf.tensor(keep, shape, 'float32');
}

/**
 * Blanks one `size` x `size` block per image (NHWC) at a seeded position,
 * setting it to `fill`: the damage inpainting learns to repair. Windows of a
 * series ([n, steps, features]) lose `size` consecutive steps of every
 * feature (a gap); flat inputs ([n, d]) lose one run of `size` consecutive
 * entries.
 *
 * @example
 * const damaged = blockOcclusion(images, 8, seed); // one 8x8 hole per image
 * const gappy = blockOcclusion(windows, 6, seed); // 6 missing steps per window
 */
export function blockOcclusion(x: Tensor, size: number, seed: number, fill = 0): Tensor {
  return tf.tidy(() => fillMissing(x, occlusionMask(x.shape, size, seed), fill));
}

/**
 * Gaussian blur of images (NHWC) with standard deviation `sigma` pixels,
 * per channel, keeping the size. Near the borders the kernel is cut to the
 * part inside the image and renormalised (each output is a weighted mean of
 * the pixels that exist), so borders are not darkened: a constant image
 * stays constant. The blur is separable: one pass along rows, one along
 * columns.
 *
 * @example
 * const blurred = gaussianBlur(images, 1.5);
 */
export function gaussianBlur(x: Tensor, sigma: number): Tensor {
  if (x.shape.length !== 4) throw new ShapeError(`blur needs images [n, h, w, c], got [${x.shape.join(', ')}]`);
  const [, h, w, c] = x.shape;
  const radius = Math.max(1, Math.ceil(2 * sigma));
  const k = 2 * radius + 1;
  const g = Array.from({ length: k }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = g.reduce((a, b) => a + b, 0);
  const taps = new Float32Array(k * c);
  for (let i = 0; i < k; i++) for (let ch = 0; ch < c; ch++) taps[i * c + ch] = g[i] / total;
  // Mass of the 1-D kernel inside the image at each position along an axis of `size` pixels.
  const inside = (size: number) =>
    Float32Array.from({ length: size }, (_, p) => {
      let m = 0;
      for (let i = 0; i < k; i++) if (p + i - radius >= 0 && p + i - radius < size) m += g[i] / total;
      return m;
    });
  const rowMass = inside(h);
  const colMass = inside(w);
  const mass = new Float32Array(h * w);
  for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) mass[r * w + col] = rowMass[r] * colMass[col];
  return tf.tidy(() => {
    const vertical = tf.tensor4d(taps, [k, 1, c, 1]);
    const horizontal = tf.tensor4d(taps, [1, k, c, 1]);
    const blurred = tf.depthwiseConv2d(tf.depthwiseConv2d(x as Tensor4D, vertical, 1, 'same'), horizontal, 1, 'same');
    return tf.div(blurred, tf.tensor4d(mass, [1, h, w, 1]));
  });
}
