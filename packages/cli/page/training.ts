/**
 * Training in the page: a CSV chosen or dropped by the user, min-max
 * scaled, a dense autoencoder (optionally variational or denoising) of the
 * size asked for, trained here on the WebAssembly backend with the loss
 * curve and a few reconstructions redrawn after every epoch. The trained
 * model downloads as the two files of a model folder (model.json and its
 * weights), with its scaling and column names, so `hourglass encode` and
 * the other commands take it unchanged.
 */
import { Autoencoder, memoryStore, saveModel, tf, train, type VariantChoice } from '@hourglass/core';
import { fitScaler, parseCsv, type ArrayDataset } from '@hourglass/data/browser';
import { drawSample, sampleKind, sharpCanvas } from './draw.js';
import type { Samples } from './samples.js';
import { pageState } from './state.js';

const RECIPES: Record<string, (latent: number, hidden: number[]) => VariantChoice[]> = {
  undercomplete: (latent, hidden) => [{ name: 'undercomplete', config: { latent, hidden } }],
  'undercomplete + variational': (latent, hidden) => [{ name: 'undercomplete', config: { latent: hidden.at(-1) ?? latent * 2, hidden: hidden.slice(0, -1) } }, { name: 'variational', config: { latent } }],
  'undercomplete + denoising': (latent, hidden) => [{ name: 'undercomplete', config: { latent, hidden } }, { name: 'denoising' }],
};

const field = (label: string, input: HTMLElement) => {
  const l = document.createElement('label');
  l.append(label, input);
  return l;
};

function lossCurve(losses: number[], epochs: number): HTMLCanvasElement {
  const [w, h] = [300, 120];
  const { canvas, ctx } = sharpCanvas(w, h);
  const [lo, hi] = [Math.min(...losses), Math.max(...losses)];
  const x = (i: number) => 30 + (i / Math.max(1, epochs - 1)) * (w - 40);
  const y = (v: number) => h - 20 - ((v - lo) / (hi - lo || 1)) * (h - 34);
  ctx.strokeStyle = '#3b5bdb';
  ctx.lineWidth = 2;
  ctx.beginPath();
  losses.forEach((v, i) => (i ? ctx.lineTo(x(i), y(v)) : ctx.moveTo(x(i), y(v))));
  ctx.stroke();
  ctx.fillStyle = '#667085';
  ctx.font = '11px system-ui';
  ctx.fillText(`loss ${losses.at(-1)!.toFixed(4)} after epoch ${losses.length} of ${epochs}`, 30, 12);
  return canvas;
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'application/octet-stream' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Largest side of an image trained on in the page; larger ones are scaled down to it. */
const MAX_SIDE = 64;

/**
 * Images as grey samples of one size: the first image's, its longer side
 * capped at MAX_SIDE (the others are scaled to it), values in [0, 1].
 */
async function readImages(files: File[]): Promise<ArrayDataset> {
  const bitmaps = await Promise.all(files.map((f) => createImageBitmap(f)));
  const ratio = Math.min(1, MAX_SIDE / Math.max(bitmaps[0].width, bitmaps[0].height));
  const [w, h] = [Math.max(1, Math.round(bitmaps[0].width * ratio)), Math.max(1, Math.round(bitmaps[0].height * ratio))];
  const scratch = Object.assign(document.createElement('canvas'), { width: w, height: h });
  const ctx = scratch.getContext('2d', { willReadFrequently: true })!;
  const x = new Float32Array(files.length * w * h);
  bitmaps.forEach((bitmap, i) => {
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(bitmap, 0, 0, w, h);
    const rgba = ctx.getImageData(0, 0, w, h).data;
    for (let p = 0; p < w * h; p++) x[i * w * h + p] = (rgba[p * 4] + rgba[p * 4 + 1] + rgba[p * 4 + 2]) / (3 * 255);
  });
  return { name: `${files.length} images`, x, n: files.length, sampleShape: [h, w, 1] };
}

/**
 * The training section; with `served`, the served samples are offered as data too.
 *
 * @example
 * main.append(trainingSection(samples));
 */
export function trainingSection(served?: Samples): HTMLElement {
  const section = document.createElement('section');
  section.className = 'training';
  section.innerHTML = `<h2>Train in this page</h2><p class="help">Choose or drop a CSV of numbers (one sample per row, a header line of column names) or a set of images${
    served ? `, or use the ${served.n} served samples of ${served.name}` : ''
  }. It is scaled to [0, 1] and a dense autoencoder trains on it here, on WebAssembly.</p>`;
  const file = Object.assign(document.createElement('input'), { type: 'file', accept: '.csv,text/csv,image/*', multiple: true });
  const recipe = document.createElement('select');
  for (const name of Object.keys(RECIPES)) recipe.append(new Option(name, name));
  const latent = Object.assign(document.createElement('input'), { type: 'number', min: '1', value: '2' });
  const hidden = Object.assign(document.createElement('input'), { type: 'text', value: '32,16', size: 8 });
  const epochs = Object.assign(document.createElement('input'), { type: 'number', min: '1', value: '20' });
  const rate = Object.assign(document.createElement('input'), { type: 'number', min: '0', step: '0.001', value: '0.005' });
  const start = Object.assign(document.createElement('button'), { textContent: 'Train', disabled: true });
  const save = Object.assign(document.createElement('button'), { textContent: 'Download the model', disabled: true });
  const useServed = Object.assign(document.createElement('button'), { textContent: served ? `Use the ${served.n} served samples` : '' });
  const status = Object.assign(document.createElement('p'), { className: 'help' });
  const form = document.createElement('div');
  form.className = 'form';
  form.append(field('data ', file), ...(served ? [useServed] : []), field('model ', recipe), field('code size ', latent), field('hidden ', hidden), field('epochs ', epochs), field('learning rate ', rate), start, save);
  const live = document.createElement('div');
  live.className = 'latent';
  section.append(form, status, live);

  let data: (ArrayDataset & { file: string }) | undefined;
  let trained: Autoencoder | undefined;
  const read = async (files: File[]) => {
    const chosen = files[0];
    try {
      const parsed = files.every((f) => f.type.startsWith('image/')) ? await readImages(files) : parseCsv(await chosen.text(), {}, chosen.name);
      data = { ...parsed, file: parsed.name };
      status.textContent = `${parsed.name}: ${parsed.n} samples of shape [${parsed.sampleShape.join(', ')}]`;
      start.disabled = false;
      pageState().training = { status: 'ready', rows: parsed.n };
    } catch (e) {
      status.textContent = `${chosen.name}: ${(e as Error).message}`;
      pageState().training = { status: 'error', error: (e as Error).message };
    }
  };
  file.addEventListener('change', () => file.files?.length && void read(Array.from(file.files)));
  useServed.addEventListener('click', () => {
    if (!served) return;
    data = { name: served.name, x: served.x, n: served.n, sampleShape: [...served.sampleShape], file: served.name };
    status.textContent = `${served.n} samples of ${served.name}, shape [${served.sampleShape.join(', ')}]`;
    start.disabled = false;
    pageState().training = { status: 'ready', rows: served.n };
  });
  section.addEventListener('dragover', (e) => e.preventDefault());
  section.addEventListener('drop', (e) => {
    e.preventDefault();
    const dropped = e.dataTransfer?.files;
    if (dropped?.length) void read(Array.from(dropped));
  });

  start.addEventListener('click', async () => {
    if (!data) return;
    start.disabled = save.disabled = true;
    trained?.dispose();
    const scaler = fitScaler(data, { kind: 'minmax' });
    const scaled = scaler.transform(data);
    const widths = hidden.value.split(',').map((v) => Number(v.trim())).filter((v) => Number.isInteger(v) && v > 0);
    const total = Math.max(1, Number(epochs.value) || 1);
    try {
      const model = Autoencoder.create({ inputShape: [...data.sampleShape], variants: RECIPES[recipe.value](Math.max(1, Number(latent.value) || 2), widths), seed: 1 });
      model.scaling = scaler.toJSON();
      model.metadata = { dataset: data.file, ...(data.columns ? { columns: data.columns } : {}) };
      const losses: number[] = [];
      const shown = Math.min(6, scaled.n);
      const size = scaled.sampleShape.reduce((a, b) => a * b, 1);
      const probe = tf.tensor(scaled.x.subarray(0, shown * size), [shown, ...scaled.sampleShape]);
      const kind = sampleKind(scaled.sampleShape);
      const result = await train(model, { x: scaled.x, n: scaled.n, sampleShape: scaled.sampleShape }, {
        epochs: total,
        batchSize: 32,
        seed: 1,
        optimizer: { learningRate: Number(rate.value) || 0.005 },
        onEvent: async (event) => {
          if (event.type !== 'epoch') return;
          losses.push(event.metrics.loss);
          const out = model.reconstruct(probe);
          const values = (await out.data()) as Float32Array;
          out.dispose();
          const pairs = Array.from({ length: shown }, (_, i) =>
            kind.kind === 'image'
              ? drawSample(values.subarray(i * size, (i + 1) * size), kind, 2)
              : drawSample(scaled.x.subarray(i * size, (i + 1) * size), kind, 2, values.subarray(i * size, (i + 1) * size)),
          );
          live.replaceChildren(lossCurve(losses, total), ...pairs);
          status.textContent = `epoch ${losses.length} of ${total}: loss ${event.metrics.loss.toFixed(4)}, ${Math.round(event.metrics.samplesPerSec ?? 0).toLocaleString('en-US')} samples/s`;
          pageState().training = { status: 'training', rows: scaled.n, losses: [...losses], samplesPerSec: event.metrics.samplesPerSec };
        },
      });
      probe.dispose();
      trained = model;
      save.disabled = false;
      pageState().training = { status: 'trained', rows: scaled.n, losses, stopReason: result.stopReason };
    } catch (e) {
      status.textContent = (e as Error).message;
      pageState().training = { status: 'error', error: (e as Error).message };
    }
    start.disabled = false;
  });

  save.addEventListener('click', async () => {
    if (!trained) return;
    const store = memoryStore();
    await saveModel(trained, store);
    for (const [name, bytes] of store.files) download(name, bytes);
    pageState().training = { ...pageState().training!, downloaded: [...store.files.keys()] };
  });
  return section;
}
