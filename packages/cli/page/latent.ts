/**
 * The code space as a scatter plot: every sample's code (or, for codes of
 * more than two numbers, its projection on their two principal
 * components), coloured by label. Hovering or clicking a point of the plane
 * decodes it: the code itself for a 2-D code, the mean plus the point's
 * coordinates along the two components otherwise.
 */
import { pca, tf, type Autoencoder } from '@hourglass/core';
import { classColor, drawSample, sampleKind, sharpCanvas } from './draw.js';
import { pageState } from './state.js';
import type { Samples } from './samples.js';

const SIZE = 360;
const PAD = 14;

/** Maps plane coordinates to the code they stand for. */
type ToCode = (u: number, v: number) => Float32Array;

function projection(codes: Float32Array, n: number, k: number): { points: Float32Array; toCode: ToCode; method: 'code' | 'pca' } {
  if (k === 2) return { points: codes, toCode: (u, v) => Float32Array.of(u, v), method: 'code' };
  const p = pca(codes, n, k, 2);
  return {
    points: p.project(codes, n),
    toCode: (u, v) => Float32Array.from({ length: k }, (_, j) => p.mean[j] + u * p.components[j] + v * p.components[k + j]),
    method: 'pca',
  };
}

/**
 * The latent section, or undefined when the model's code is not a flat vector or it cannot decode.
 *
 * @example
 * const section = await latentSection(model, samples);
 */
export async function latentSection(model: Autoencoder, samples: Samples): Promise<HTMLElement | undefined> {
  if (model.codeShape.length !== 1 || !model.decoder || model.recipe.residual || model.isConditional) return undefined;
  const k = model.codeShape[0];
  if (k < 2) return undefined;
  const x = tf.tensor(samples.x, [samples.n, ...samples.sampleShape]);
  const z = model.encode(x);
  const codes = (await z.data()) as Float32Array;
  tf.dispose([x, z]);
  const { points, toCode, method } = projection(codes, samples.n, k);
  let [minU, maxU, minV, maxV] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < samples.n; i++) {
    [minU, maxU] = [Math.min(minU, points[2 * i]), Math.max(maxU, points[2 * i])];
    [minV, maxV] = [Math.min(minV, points[2 * i + 1]), Math.max(maxV, points[2 * i + 1])];
  }
  const spanU = maxU - minU || 1;
  const spanV = maxV - minV || 1;
  const px = (u: number) => PAD + ((u - minU) / spanU) * (SIZE - 2 * PAD);
  const py = (v: number) => SIZE - PAD - ((v - minV) / spanV) * (SIZE - 2 * PAD);

  const section = document.createElement('section');
  section.innerHTML = `<h2>Code space</h2><p class="help">${
    method === 'code' ? 'Each test sample at its 2-D code' : `Each test sample's ${k}-number code, projected on its two principal components`
  }, coloured by label. Hover or click anywhere to decode that point.</p>`;
  const row = document.createElement('div');
  row.className = 'latent';
  const { canvas, ctx } = sharpCanvas(SIZE, SIZE);
  canvas.className = 'scatter';
  for (let i = 0; i < samples.n; i++) {
    ctx.fillStyle = samples.labels ? classColor(samples.labels[i]) : '#3b5bdb';
    ctx.globalAlpha = 0.75;
    ctx.beginPath();
    ctx.arc(px(points[2 * i]), py(points[2 * i + 1]), 2.6, 0, 2 * Math.PI);
    ctx.fill();
  }
  const decodedBox = document.createElement('div');
  decodedBox.className = 'decoded';
  const caption = document.createElement('span');
  caption.textContent = 'decoded point';
  decodedBox.append(caption);
  const kind = sampleKind(samples.sampleShape);
  let shown: HTMLCanvasElement | undefined;
  const decodeAt = async (event: MouseEvent) => {
    const rect = canvas.getBoundingClientRect();
    const u = minU + ((event.clientX - rect.left - PAD) / (SIZE - 2 * PAD)) * spanU;
    const v = minV + ((SIZE - PAD - (event.clientY - rect.top)) / (SIZE - 2 * PAD)) * spanV;
    const code = toCode(u, v);
    const c = tf.tensor(code, [1, k]);
    const out = model.decode(c);
    const values = (await out.data()) as Float32Array;
    tf.dispose([c, out]);
    const drawn = drawSample(values, kind, 5);
    if (shown) shown.replaceWith(drawn);
    else decodedBox.prepend(drawn);
    shown = drawn;
    caption.textContent = `decoded at (${u.toFixed(2)}, ${v.toFixed(2)})`;
    pageState().decoded = { code: Array.from(code), values: Array.from(values) };
  };
  canvas.addEventListener('click', decodeAt);
  canvas.addEventListener('mousemove', (e) => void decodeAt(e));
  row.append(canvas, decodedBox);
  section.append(row);
  if (samples.labels) {
    const legend = document.createElement('div');
    legend.className = 'legend';
    const classes = [...new Set(samples.labels)].sort((a, b) => a - b);
    for (const c of classes) {
      const item = document.createElement('span');
      item.innerHTML = `<i style="background:${classColor(c)}"></i>`;
      item.append(samples.labelOf(samples.labels.indexOf(c)) ?? String(c));
      legend.append(item);
    }
    section.append(legend);
  }
  pageState().scatter = { method, points: samples.n };
  return section;
}
