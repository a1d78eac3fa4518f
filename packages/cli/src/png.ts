/**
 * The pictures of image models as PNG: grids of samples (inputs above their
 * reconstructions, generated samples, interpolations), with a title above
 * and a label left of each row; and scatter plots of 2-D codes with axes,
 * ticks, a title and a legend of the classes. Image values in [0, 1] map to
 * 0..255. Text is the 5x7 font of pixel-font.ts, drawn pixel by pixel.
 */
import { PNG } from 'pngjs';
import { ticks, tickText } from './chart-ticks.js';
import { GLYPH_HEIGHT, drawText, textWidth } from './pixel-font.js';

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

/** A colour: red, green, blue in 0..255. */
type Rgb = readonly [number, number, number];

const INK: Rgb = [40, 40, 40];
const AXIS: Rgb = [60, 60, 60];
const GRID: Rgb = [232, 232, 232];

/** A white RGBA canvas with pixel and text helpers. */
function canvas(width: number, height: number) {
  const png = new PNG({ width, height });
  png.data.fill(255);
  const set = (x: number, y: number, c: Rgb) => {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const k = (y * width + x) * 4;
    png.data[k] = c[0];
    png.data[k + 1] = c[1];
    png.data[k + 2] = c[2];
  };
  const text = (s: string, x: number, y: number, c: Rgb = INK) => drawText(s, Math.round(x), Math.round(y), (px, py) => set(px, py, c));
  return { png, set, text };
}

/** Options of {@link gridPng}. */
export interface GridOptions {
  /** A line of text above the grid. */
  title?: string;
  /** A label left of each row (an empty string leaves a row unlabelled). */
  rowLabels?: string[];
}

const GAP = 2;
const TITLE_BAND = GLYPH_HEIGHT + 10;

/**
 * Encodes rows of images as one PNG, with a 2-pixel gap between tiles, an
 * optional title above and labels left of the rows. `rows[r]` holds up to
 * `cols` images of `shape`, row-major.
 *
 * @example
 * const png = gridPng([inputs, outputs], 10, [28, 28, 1], { title: 'reconstructions', rowLabels: ['input', 'output'] });
 * await writeFile('reconstructions.png', png);
 */
export function gridPng(rows: Float32Array[], cols: number, shape: ImageShape, options: GridOptions = {}): Buffer {
  const [h, w, c] = shape;
  const labels = options.rowLabels ?? [];
  const labelWidth = labels.some((l) => l) ? Math.max(...labels.map(textWidth)) + 6 : 0;
  const top = options.title ? TITLE_BAND : 0;
  const gridWidth = cols * w + (cols + 1) * GAP;
  const width = Math.max(labelWidth + gridWidth, options.title ? textWidth(options.title) + 2 * GAP + 4 : 0);
  const height = top + rows.length * h + (rows.length + 1) * GAP;
  const { png, text } = canvas(width, height);
  if (options.title) text(options.title, GAP + 2, 5);
  const per = h * w * c;
  rows.forEach((data, r) => {
    const rowTop = top + GAP + r * (h + GAP);
    if (labels[r]) text(labels[r], 3, rowTop + (h - GLYPH_HEIGHT) / 2);
    for (let i = 0; i < cols; i++) {
      if ((i + 1) * per > data.length) break;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const px = ((rowTop + y) * width + labelWidth + GAP + i * (w + GAP) + x) * 4;
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

/** Tableau's ten categorical colours, for class labels (repeated beyond ten classes). */
const PALETTE: Rgb[] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

/** Options of {@link scatterPng}. */
export interface ScatterOptions {
  /** A line of text above the plot. */
  title?: string;
  /** The name of the horizontal axis, below it. */
  xLabel?: string;
  /** The name of the vertical axis, above it. */
  yLabel?: string;
  /** The name of each label value (index -> name) in the legend; the value itself when absent. */
  classNames?: readonly string[];
  /** Pixels of the square plot area (default 400). */
  size?: number;
}

const SCATTER_MARGIN = { left: 56, right: 14, top: 34, bottom: 34 };

/**
 * A scatter plot of 2-D points (x, y pairs) as PNG: axes with round ticks,
 * a light grid, a title, axis names, and with labels each point coloured by
 * its class and a legend on the right naming the classes present.
 *
 * @example
 * const png = scatterPng(xy, labels, { title: 'codes of 2000 test images', xLabel: 'code 1', yLabel: 'code 2', classNames: ['zero', 'one'] });
 */
export function scatterPng(points: Float32Array, labels: Int32Array | undefined, options: ScatterOptions = {}): Buffer {
  const size = options.size ?? 400;
  const n = points.length / 2;
  const present = labels ? [...new Set(labels)].sort((a, b) => a - b) : [];
  const nameOf = (label: number) => options.classNames?.[label] ?? String(label);
  const legendWidth = present.length ? Math.max(...present.map((l) => textWidth(nameOf(l)))) + 34 : 0;
  const M = SCATTER_MARGIN;
  const width = M.left + size + M.right + legendWidth;
  const height = M.top + size + M.bottom;
  const { png, set, text } = canvas(width, height);
  const range = (axis: 0 | 1): [number, number] => {
    let [lo, hi] = [Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      const v = points[2 * i + axis];
      if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    if (lo === Infinity) return [0, 1];
    if (lo === hi) return [lo - 1, hi + 1];
    const pad = (hi - lo) * 0.04;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = range(0);
  const [y0, y1] = range(1);
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0)) * size;
  const py = (y: number) => M.top + size - ((y - y0) / (y1 - y0)) * size;
  for (const v of ticks(x0, x1)) {
    for (let y = M.top; y < M.top + size; y += 2) set(px(v), y, GRID);
    for (let d = 1; d <= 3; d++) set(px(v), M.top + size + d, AXIS);
    text(tickText(v), px(v) - textWidth(tickText(v)) / 2, M.top + size + 6);
  }
  for (const v of ticks(y0, y1)) {
    for (let x = M.left; x < M.left + size; x += 2) set(x, py(v), GRID);
    for (let d = 1; d <= 3; d++) set(M.left - d, py(v), AXIS);
    text(tickText(v), M.left - 6 - textWidth(tickText(v)), py(v) - 3);
  }
  for (let y = M.top; y <= M.top + size; y++) set(M.left, y, AXIS);
  for (let x = M.left; x <= M.left + size; x++) set(x, M.top + size, AXIS);
  for (let i = 0; i < n; i++) {
    const [x, y] = [points[2 * i], points[2 * i + 1]];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const color = labels ? PALETTE[((labels[i] % 10) + 10) % 10] : INK;
    const [cx, cy] = [Math.round(px(x)), Math.round(py(y))];
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) set(cx + dx, cy + dy, color);
  }
  if (options.title) text(options.title, M.left, 6);
  if (options.yLabel) text(options.yLabel, Math.max(2, M.left - textWidth(options.yLabel) / 2), M.top - GLYPH_HEIGHT - 6);
  if (options.xLabel) text(options.xLabel, M.left + (size - textWidth(options.xLabel)) / 2, M.top + size + 20);
  present.forEach((label, k) => {
    const x = M.left + size + M.right + 6;
    const y = M.top + 4 + k * (GLYPH_HEIGHT + 7);
    const color = PALETTE[((label % 10) + 10) % 10];
    for (let dy = 0; dy < GLYPH_HEIGHT; dy++) for (let dx = 0; dx < 10; dx++) set(x + dx, y + dy, color);
    text(nameOf(label), x + 16, y);
  });
  return PNG.sync.write(png);
}
