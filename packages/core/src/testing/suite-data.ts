/** The data both test suites train on. */
import { createRng } from '../rng.js';
import { sizeOf } from '../shape.js';

/**
 * Smooth data in [0, 1] with low-dimensional structure, so any autoencoder can learn it.
 *
 * @example
 * const data = suiteData(64, [16]); // { x: Float32Array(1024), n: 64, sampleShape: [16] }
 */
export function suiteData(n: number, inputShape: number[], seed = 1): { x: Float32Array; n: number; sampleShape: number[] } {
  const per = sizeOf(inputShape);
  const rng = createRng(seed);
  const x = new Float32Array(n * per);
  for (let i = 0; i < n; i++) {
    const a = rng.next() * 3;
    const b = rng.next() * 3;
    for (let j = 0; j < per; j++) x[i * per + j] = 0.5 + 0.45 * Math.sin(a * (j / per) * 6 + b);
  }
  return { x, n, sampleShape: [...inputShape] };
}
