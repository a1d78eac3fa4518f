/**
 * For a model with an anomaly threshold (`train --contamination`): every
 * served sample's score (the reconstruction error `detect` uses) on a
 * histogram with the threshold drawn across it, and the samples that score
 * highest beside their reconstructions: what the model finds hardest to
 * rebuild.
 */
import { readAnomalyMetadata, tf, type Autoencoder } from '@hourglass/core';
import { drawSample, sampleKind, sharpCanvas } from './draw.js';
import { pageState } from './state.js';
import type { Samples } from './samples.js';

const BINS = 40;
const TOP = 8;

function histogram(scores: Float32Array, threshold: number): HTMLCanvasElement {
  const [w, h] = [420, 150];
  const { canvas, ctx } = sharpCanvas(w, h);
  const lo = Math.min(threshold, ...scores);
  const hi = Math.max(threshold * 1.05, ...scores);
  const span = hi - lo || 1;
  const counts = new Array<number>(BINS).fill(0);
  for (const s of scores) counts[Math.min(BINS - 1, Math.floor(((s - lo) / span) * BINS))]++;
  const top = Math.max(...counts);
  const bar = (w - 20) / BINS;
  counts.forEach((c, i) => {
    ctx.fillStyle = lo + (i + 0.5) * (span / BINS) > threshold ? '#fa5252' : '#91a7ff';
    const height = (c / top) * (h - 30);
    ctx.fillRect(10 + i * bar, h - 18 - height, bar - 1, height);
  });
  const x = 10 + ((threshold - lo) / span) * (w - 20);
  ctx.strokeStyle = '#c92a2a';
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, 6);
  ctx.lineTo(x, h - 18);
  ctx.stroke();
  ctx.fillStyle = '#667085';
  ctx.font = '11px system-ui';
  ctx.fillText(`threshold ${threshold.toPrecision(3)}`, Math.min(x + 4, w - 110), 16);
  ctx.fillText(lo.toPrecision(3), 8, h - 4);
  ctx.fillText(hi.toPrecision(3), w - 50, h - 4);
  return canvas;
}

/**
 * The anomaly section, or undefined when the model carries no threshold.
 *
 * @example
 * const section = await anomalySection(model, samples);
 */
export async function anomalySection(model: Autoencoder, samples: Samples): Promise<HTMLElement | undefined> {
  if (model.metadata.anomaly === undefined || model.isConditional) return undefined;
  const { threshold } = readAnomalyMetadata(model.metadata.anomaly, 'model.json');
  const x = tf.tensor(samples.x, [samples.n, ...samples.sampleShape]);
  const s = model.score(x);
  const scores = (await s.data()) as Float32Array;
  tf.dispose([x, s]);
  const order = [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, TOP);
  const flagged = scores.filter((v) => v > threshold).length;
  const section = document.createElement('section');
  section.innerHTML = `<h2>Anomalies</h2><p class="help">Reconstruction error of each test sample; ${flagged} of ${samples.n} score above the threshold calibrated at training (red). Highest first:</p>`;
  const kind = sampleKind(samples.sampleShape);
  const grid = document.createElement('div');
  grid.className = kind.kind === 'series' ? 'pairs wide' : 'pairs';
  const probe = tf.tensor(
    Float32Array.from(order.flatMap((i) => Array.from(samples.x.subarray(i * samples.size, (i + 1) * samples.size)))),
    [order.length, ...samples.sampleShape],
  );
  const r = model.reconstruct(probe);
  const recon = (await r.data()) as Float32Array;
  tf.dispose([probe, r]);
  order.forEach((i, rank) => {
    const pair = document.createElement('div');
    pair.className = 'pair';
    const row = document.createElement('div');
    row.style.display = 'flex';
    row.style.gap = '3px';
    const original = samples.x.subarray(i * samples.size, (i + 1) * samples.size);
    const rebuilt = recon.subarray(rank * samples.size, (rank + 1) * samples.size);
    if (kind.kind === 'image') row.append(drawSample(original, kind, 1.5), drawSample(rebuilt, kind, 1.5));
    else row.append(drawSample(original, kind, 3, rebuilt));
    pair.append(row, Object.assign(document.createElement('span'), { textContent: `${scores[i].toPrecision(3)}${scores[i] > threshold ? ' ⚑' : ''}` }));
    grid.append(pair);
  });
  section.append(histogram(scores, threshold), grid);
  pageState().anomaly = { threshold, flagged, top: order.map((index) => ({ index, score: scores[index] })) };
  return section;
}
