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
