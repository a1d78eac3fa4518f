/**
 * For a model trained on a series: the test range of the series with one
 * anomaly score per step (every window reconstructed, each step's error
 * averaged over the windows that cover it: the CLI's `detect`, the same
 * code), the steps above the model's threshold shaded, and for a model
 * that forecasts, its forecast of the steps after the end.
 */
import { tf, type Autoencoder } from '@hourglass/core';
import { flaggedRanges, type ArrayDataset } from '@hourglass/data';
import { readSeriesMetadata } from '../src/series-metadata.js';
import { seriesStepScores } from '../src/series-scores.js';
import { classColor } from './draw.js';
import { pageState } from './state.js';

interface SeriesInfo {
  name: string;
  steps: number;
  features: number;
  columns?: string[];
  testFrom: number;
}

function chart(x: Float32Array, info: SeriesInfo, scores: Float32Array, threshold: number | undefined, ranges: Array<[number, number]>, forecast?: Float32Array): HTMLCanvasElement {
  const [w, h] = [860, 300];
  const canvas = document.createElement('canvas');
  canvas.width = w * 2;
  canvas.height = h * 2;
  canvas.style.width = '100%';
  canvas.style.maxWidth = `${w}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(2, 2);
  const horizon = forecast ? forecast.length / info.features : 0;
  const total = info.steps + horizon;
  const px = (t: number) => 40 + (t / Math.max(1, total - 1)) * (w - 50);
  const top = [10, 190];
  const bottom = [210, 290];
  const values = [...x, ...(forecast ?? [])];
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const py = (v: number) => top[1] - ((v - lo) / (hi - lo || 1)) * (top[1] - top[0]);
  ctx.fillStyle = 'rgba(250, 82, 82, 0.18)';
  for (const [from, to] of ranges) ctx.fillRect(px(from), top[0], Math.max(2, px(to) - px(from)), bottom[1] - top[0]);
  ctx.fillStyle = 'rgba(59, 91, 219, 0.06)';
  ctx.fillRect(px(0), top[0], px(info.testFrom) - px(0), top[1] - top[0]);
  for (let f = 0; f < Math.min(3, info.features); f++) {
    ctx.strokeStyle = classColor(f);
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    for (let t = 0; t < info.steps; t++) (t ? ctx.lineTo : ctx.moveTo).call(ctx, px(t), py(x[t * info.features + f]));
    ctx.stroke();
    if (forecast) {
      ctx.strokeStyle = '#e8590c';
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px(info.steps - 1), py(x[(info.steps - 1) * info.features + f]));
      for (let s = 0; s < horizon; s++) ctx.lineTo(px(info.steps + s), py(forecast[s * info.features + f]));
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  const finite = Array.from(scores).filter(Number.isFinite);
  const sHi = Math.max(threshold ?? 0, ...finite);
  const sy = (v: number) => bottom[1] - (v / (sHi || 1)) * (bottom[1] - bottom[0]);
  ctx.strokeStyle = '#495057';
  ctx.beginPath();
  let started = false;
  scores.forEach((v, t) => {
    if (!Number.isFinite(v)) return;
    if (started) ctx.lineTo(px(t), sy(v));
    else ctx.moveTo(px(t), sy(v));
    started = true;
  });
  ctx.stroke();
  ctx.fillStyle = '#667085';
  ctx.font = '11px system-ui';
  ctx.fillText('score', 2, bottom[0] + 10);
  ctx.fillText(info.columns?.[0] ?? 'value', 2, top[0] + 10);
  if (threshold !== undefined) {
    ctx.strokeStyle = '#c92a2a';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(px(0), sy(threshold));
    ctx.lineTo(px(total - 1), sy(threshold));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  return canvas;
}

/**
 * The series section, or undefined when the site serves no series (`served`: site.json says it does).
 *
 * @example
 * const section = await seriesSection(model, './', site.series);
 */
export async function seriesSection(model: Autoencoder, base: string, served: boolean): Promise<HTMLElement | undefined> {
  if (!served) return undefined;
  const info = (await (await fetch(`${base}series.json`)).json()) as SeriesInfo;
  const x = new Float32Array(await (await fetch(`${base}series.bin`)).arrayBuffer());
  const meta = readSeriesMetadata((model.metadata as { series?: unknown }).series, 'model.json');
  const part: ArrayDataset = { name: info.name, x, n: info.steps, sampleShape: [info.features] };
  const [scores] = await seriesStepScores(model, [part], meta);
  const threshold = (model.metadata.anomaly as { threshold?: number } | undefined)?.threshold;
  const ranges = threshold === undefined ? [] : (flaggedRanges(Array.from(scores, (s) => s > threshold)) as Array<[number, number]>);
  let forecast: Float32Array | undefined;
  if (model.predictor && info.steps >= meta.window) {
    const last = tf.tensor(x.subarray((info.steps - meta.window) * info.features), [1, meta.window, info.features]);
    const out = model.predict(last);
    forecast = (await out.data()) as Float32Array;
    tf.dispose([last, out]);
  }
  const section = document.createElement('section');
  section.className = 'wide';
  section.innerHTML = `<h2>The series</h2><p class="help">The test range of ${info.name} (after the shaded context), each step scored by the windows that cover it${
    threshold === undefined ? '' : `; ${ranges.length} range${ranges.length === 1 ? '' : 's'} above the threshold, shaded red`
  }${forecast ? '; the forecast of the next steps dashed in orange' : ''}.</p>`;
  section.append(chart(x, info, scores, threshold, ranges, forecast));
  pageState().series = { steps: info.steps, ranges, ...(forecast ? { forecast: Array.from(forecast) } : {}) };
  return section;
}
