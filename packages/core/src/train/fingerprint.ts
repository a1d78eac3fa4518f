/**
 * A fingerprint of training data, stored in checkpoints so that a run is
 * resumed only on the data it started on. For arrays it is the sample count,
 * the sample shape and a CRC-32 of up to `FINGERPRINT_ROWS` rows spread
 * evenly over the data (all rows when there are fewer), with their mask, targets and classes:
 * cheap on large data, and it changes when the data is another file, another
 * split, another scaling or another length. A stream has only its shape.
 */
import { sizeOf } from '../shape.js';
import { crc32 } from '../model/crc32.js';
import { isArrayData, type TrainData } from './data.js';

/** Rows hashed at most. */
export const FINGERPRINT_ROWS = 4096;

/** Identifies training data; `n` and `crc` are null for streams. */
export interface DataFingerprint {
  n: number | null;
  sampleShape: number[];
  crc: string | null;
}

/**
 * The fingerprint of `data`.
 *
 * @example
 * fingerprintData({ x: new Float32Array(6), n: 2, sampleShape: [3] }); // { n: 2, sampleShape: [3], crc: '…' }
 */
export function fingerprintData(data: TrainData): DataFingerprint {
  if (!isArrayData(data)) return { n: null, sampleShape: [...data.sampleShape], crc: null };
  const per = sizeOf(data.sampleShape);
  const rows = Math.min(data.n, FINGERPRINT_ROWS);
  const yPer = data.y && data.n > 0 ? Math.floor(data.y.length / data.n) : 0;
  const xPart = rows * per * (data.mask ? 2 : 1);
  const cPart = data.condition ? rows : 0;
  const sampled = new Float32Array(xPart + rows * yPer + cPart);
  for (let r = 0; r < rows; r++) {
    const row = rows > 1 ? Math.round((r * (data.n - 1)) / (rows - 1)) : 0;
    const from = row * per;
    sampled.set(data.x.subarray(from, from + per), r * per);
    if (data.mask) sampled.set(data.mask.subarray(from, from + per), (rows + r) * per);
    if (yPer > 0) sampled.set(data.y!.subarray(row * yPer, (row + 1) * yPer), xPart + r * yPer);
    if (cPart > 0) sampled[xPart + rows * yPer + r] = data.condition![row];
  }
  return { n: data.n, sampleShape: [...data.sampleShape], crc: crc32(new Uint8Array(sampled.buffer)) };
}

/**
 * True when two fingerprints name the same data.
 *
 * @example
 * sameData(fingerprintData(a), fingerprintData(a)); // true
 */
export const sameData = (a: DataFingerprint, b: DataFingerprint): boolean => describeData(a) === describeData(b);

/**
 * A fingerprint in words, for error messages.
 *
 * @example
 * describeData(fingerprintData(mnist)); // '512 samples of shape [28, 28, 1], CRC 1a2b3c4d'
 */
export function describeData(f: DataFingerprint): string {
  const shape = `shape [${f.sampleShape.join(', ')}]`;
  return f.n === null ? `a stream of ${shape}` : `${f.n} samples of ${shape}, CRC ${f.crc}`;
}
