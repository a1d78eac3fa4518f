/** The section of samples beside the page's reconstructions of them. */
import { tf, type Autoencoder } from '@hourglass/core';
import { drawSample, sampleKind } from './draw.js';
import { pageState } from './state.js';
import type { Samples } from './samples.js';

/**
 * Reconstructs the first `count` samples and shows each beside its reconstruction.
 *
 * @example
 * main.append(await reconstructionsSection(model, samples, 16));
 */
export async function reconstructionsSection(model: Autoencoder, samples: Samples, count: number): Promise<HTMLElement> {
  const section = document.createElement('section');
  section.innerHTML = '<h2>Reconstructions</h2><p class="help">Test samples the model never saw (left) and what it makes of them (right), computed here in your browser.</p>';
  const n = Math.min(count, samples.n);
  const size = samples.size;
  const x = tf.tensor(samples.x.subarray(0, n * size), [n, ...samples.sampleShape]);
  const y = model.reconstruct(x);
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  const kind = sampleKind(samples.sampleShape);
  const grid = document.createElement('div');
  grid.className = kind.kind === 'series' ? 'pairs wide' : 'pairs';
  const values: number[][] = [];
  for (let i = 0; i < n; i++) {
    const original = samples.x.subarray(i * size, (i + 1) * size);
    const recon = out.subarray(i * size, (i + 1) * size);
    values.push(Array.from(recon));
    const pair = document.createElement('div');
    pair.className = 'pair';
    const row = document.createElement('div');
    row.style.display = 'flex';
    row.style.gap = '3px';
    if (kind.kind === 'image') row.append(drawSample(original, kind, 1.5), drawSample(recon, kind, 1.5));
    else row.append(drawSample(original, kind, 3, recon));
    const label = document.createElement('span');
    label.textContent = samples.labelOf(i) ?? `#${i}`;
    pair.append(row, label);
    grid.append(pair);
  }
  section.append(grid);
  pageState().reconstructions = { indices: Array.from({ length: n }, (_, i) => i), values };
  return section;
}
