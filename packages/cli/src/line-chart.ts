/**
 * Line charts as PNG, for time series: one or more panels stacked on one
 * shared x axis (time steps), each with its own y axis, ticks at round
 * values, a legend of the lines' colours and optional shaded x ranges
 * (flagged anomalies). Lines are drawn in order, two pixels thick (or
 * one) between consecutive finite points; a non-finite y value leaves a gap. Drawn over
 * pngjs pixel by pixel, with the 5x7 font of pixel-font.ts.
 */
import { PNG } from 'pngjs';
import { ticks, tickText } from './chart-ticks.js';
import { GLYPH_HEIGHT, drawText, textWidth } from './pixel-font.js';

/** A colour: red, green, blue in 0..255. */
export type Rgb = readonly [number, number, number];

/** Colours for the lines of a chart (Tableau's blue, orange, green, red, purple). */
export const LINE_COLOURS = { history: [31, 119, 180], forecast: [255, 127, 14], truth: [44, 160, 44], flagged: [214, 39, 40], other: [148, 103, 189] } as const satisfies Record<string, Rgb>;

/** One line: points (x[i], y[i]) joined in order. */
export interface ChartLine {
  label: string;
  color: Rgb;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Pixels (default 2): a thin line drawn over a thick one shows both. */
  width?: 1 | 2;
}

/** One panel: its lines, a title, and x ranges [from, to) to shade. */
export interface ChartPanel {
  title?: string;
  lines: ChartLine[];
  shade?: ReadonlyArray<readonly [number, number]>;
  /** The legend entry of the shaded ranges (default "flagged"). */
  shadeLabel?: string;
}

/** Size of the picture. */
export interface ChartOptions {
  /** Pixels (default 960). */
  width?: number;
  /** Pixels per panel (default 240). */
  panelHeight?: number;
}

const MARGIN = { left: 64, right: 14, top: 18, bottom: 22 };
const AXIS: Rgb = [60, 60, 60];
const GRID: Rgb = [232, 232, 232];
const SHADE: Rgb = [250, 214, 214];

function extent(values: Iterable<number>): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of values) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (lo === Infinity) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function* valuesOf(lines: ChartLine[], axis: 'x' | 'y'): Generator<number> {
  for (const l of lines) for (let i = 0; i < l[axis].length; i++) yield l[axis][i];
}

/**
 * Draws `panels` one above the other on a white background; returns the PNG file's bytes.
 *
 * @example
 * const png = lineChartPng([{ title: 'value', lines: [{ label: 'history', color: LINE_COLOURS.history, x: [0, 1, 2], y: [3, 1, 2] }] }]);
 * await writeFile('chart.png', png);
 */
export function lineChartPng(panels: ChartPanel[], options: ChartOptions = {}): Buffer {
  const width = options.width ?? 960;
  const panelHeight = options.panelHeight ?? 240;
  const png = new PNG({ width, height: panelHeight * panels.length });
  png.data.fill(255);
  const set = (x: number, y: number, c: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= png.height) return;
    const k = (Math.round(y) * width + Math.round(x)) * 4;
    png.data[k] = c[0];
    png.data[k + 1] = c[1];
    png.data[k + 2] = c[2];
  };
  const text = (s: string, x: number, y: number, c: Rgb = AXIS) => drawText(s, x, y, (px, py) => set(px, py, c));
  const [x0, x1] = extent([...panels.flatMap((p) => [...valuesOf(p.lines, 'x'), ...(p.shade ?? []).flat()])]);
  const plotW = width - MARGIN.left - MARGIN.right;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  panels.forEach((panel, p) => {
    const top = p * panelHeight + MARGIN.top;
    const plotH = panelHeight - MARGIN.top - MARGIN.bottom;
    const [lo, hi] = extent(valuesOf(panel.lines, 'y'));
    const pad = (hi - lo) * 0.05;
    const [y0, y1] = [lo - pad, hi + pad];
    const py = (y: number) => top + plotH - ((y - y0) / (y1 - y0)) * plotH;
    for (const [from, to] of panel.shade ?? [])
      for (let x = Math.max(MARGIN.left, Math.floor(px(from - 0.5))); x <= Math.min(MARGIN.left + plotW, Math.ceil(px(to - 0.5))); x++)
        for (let y = top; y <= top + plotH; y++) set(x, y, SHADE);
    for (const v of ticks(y0, y1)) {
      const y = py(v);
      for (let x = MARGIN.left; x <= MARGIN.left + plotW; x += 2) set(x, y, GRID);
      set(MARGIN.left - 1, y, AXIS), set(MARGIN.left - 2, y, AXIS), set(MARGIN.left - 3, y, AXIS);
      text(tickText(v), MARGIN.left - 6 - textWidth(tickText(v)), Math.round(y) - 3);
    }
    for (const v of ticks(x0, x1)) {
      const x = px(v);
      for (let d = 1; d <= 3; d++) set(x, top + plotH + d, AXIS);
      text(tickText(v), Math.round(x - textWidth(tickText(v)) / 2), top + plotH + 6);
    }
    for (let y = top; y <= top + plotH; y++) set(MARGIN.left, y, AXIS);
    for (let x = MARGIN.left; x <= MARGIN.left + plotW; x++) set(x, top + plotH, AXIS);
    for (const line of panel.lines) drawLine(line, px, py, (x, y) => set(x, y, line.color));
    // the title on the left of the row above the plot, the legend on its right
    if (panel.title) text(panel.title, MARGIN.left, top - GLYPH_HEIGHT - 6);
    const entries: Array<[string, Rgb]> = panel.lines.map((l) => [l.label, l.color]);
    if (panel.shade?.length) entries.push([panel.shadeLabel ?? 'flagged', SHADE]);
    let x = width - MARGIN.right;
    for (const [label, color] of entries.reverse()) {
      x -= textWidth(label);
      text(label, x, top - GLYPH_HEIGHT - 6);
      x -= 18;
      for (let dx = 0; dx < 14; dx++) for (let dy = -2; dy <= 1; dy++) set(x + dx, top - 9 + dy, color);
      x -= 14;
    }
  });
  return PNG.sync.write(png);
}

/** Joins the finite points of `line` with straight segments, `line.width` pixels thick. */
function drawLine(line: ChartLine, px: (x: number) => number, py: (y: number) => number, plot: (x: number, y: number) => void): void {
  let prev: [number, number] | undefined;
  for (let i = 0; i < line.x.length; i++) {
    if (!Number.isFinite(line.y[i]) || !Number.isFinite(line.x[i])) {
      prev = undefined;
      continue;
    }
    const here: [number, number] = [px(line.x[i]), py(line.y[i])];
    const from = prev ?? here;
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(here[0] - from[0]), Math.abs(here[1] - from[1]))));
    for (let s = 0; s <= steps; s++) {
      const x = from[0] + ((here[0] - from[0]) * s) / steps;
      const y = from[1] + ((here[1] - from[1]) * s) / steps;
      plot(x, y);
      if (line.width !== 1) plot(x, y + 1);
    }
    prev = here;
  }
}
