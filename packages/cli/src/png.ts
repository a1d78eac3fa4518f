/**
 * Image grids as PNG: rows of samples side by side (inputs above their
 * reconstructions, generated samples, ...). Values in [0, 1] map to 0..255.
 */
import { PNG } from 'pngjs';

/** Shape of one image: height, width, channels (1 or 3). */
export type ImageShape = [number, number, number];

/** The image shape to draw samples of `sampleShape` with, or undefined if they are not images. */
export function imageShapeOf(sampleShape: number[]): ImageShape | undefined {
  if (sampleShape.length === 3 && (sampleShape[2] === 1 || sampleShape[2] === 3)) return sampleShape as ImageShape;
  if (sampleShape.length === 2) return [sampleShape[0], sampleShape[1], 1];
  if (sampleShape.length === 1) {
    const side = Math.round(Math.sqrt(sampleShape[0]));
    if (side * side === sampleShape[0] && side >= 4) return [side, side, 1];
  }
  return undefined;
}

/**
 * Encodes rows of images as one PNG, with a 2-pixel gap between tiles.
 * `rows[r]` holds `cols` images of `shape`, row-major.
 */
export function gridPng(rows: Float32Array[], cols: number, shape: ImageShape): Buffer {
  const [h, w, c] = shape;
  const gap = 2;
  const width = cols * w + (cols + 1) * gap;
  const height = rows.length * h + (rows.length + 1) * gap;
  const png = new PNG({ width, height });
  png.data.fill(255);
  const per = h * w * c;
  rows.forEach((data, r) => {
    for (let i = 0; i < cols; i++) {
      if ((i + 1) * per > data.length) break;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const px = ((gap + r * (h + gap) + y) * width + gap + i * (w + gap) + x) * 4;
          for (let ch = 0; ch < 3; ch++) {
            const v = data[i * per + (y * w + x) * c + (c === 3 ? ch : 0)];
            png.data[px + ch] = Math.max(0, Math.min(255, Math.round(v * 255)));
          }
          png.data[px + 3] = 255;
        }
    }
  });
  return PNG.sync.write(png);
}

/** Tableau's ten categorical colours, for class labels. */
const PALETTE = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

/**
 * A scatter plot of 2-D codes as a square PNG (`size` pixels, white
 * background, a 2% margin), each point a 3x3 dot coloured by its label.
 */
export function scatterPng(points: Float32Array, labels: Int32Array | undefined, size = 480): Buffer {
  const png = new PNG({ width: size, height: size });
  png.data.fill(255);
  const n = points.length / 2;
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, points[2 * i]);
    maxX = Math.max(maxX, points[2 * i]);
    minY = Math.min(minY, points[2 * i + 1]);
    maxY = Math.max(maxY, points[2 * i + 1]);
  }
  const margin = Math.round(size * 0.02);
  const span = size - 2 * margin - 3;
  const sx = span / (maxX - minX || 1);
  const sy = span / (maxY - minY || 1);
  for (let i = 0; i < n; i++) {
    const px = margin + Math.round((points[2 * i] - minX) * sx);
    const py = size - 1 - margin - Math.round((points[2 * i + 1] - minY) * sy);
    const color = labels ? PALETTE[((labels[i] % 10) + 10) % 10] : [40, 40, 40];
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const x = px + dx;
        const y = py + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const k = (y * size + x) * 4;
        png.data[k] = color[0];
        png.data[k + 1] = color[1];
        png.data[k + 2] = color[2];
      }
  }
  return PNG.sync.write(png);
}
