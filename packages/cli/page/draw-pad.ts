/**
 * For image models: a pad to draw on (or drop an image on, or start from a
 * test sample), repaired live as it changes. The white brush draws; the
 * hole brush marks pixels as missing, which are then filled by `repair`
 * (the known pixels kept exactly, as `hourglass repair` does); without
 * holes the model simply reconstructs, which also removes the damage a
 * denoising model was trained on.
 */
import { repair, tf, type Autoencoder } from '@hourglass/core';
import { drawSample, type SampleKind } from './draw.js';
import { pageState } from './state.js';
import type { Samples } from './samples.js';

const SCALE = 8;

/**
 * The pad section, or undefined for models whose samples are not grey images.
 *
 * @example
 * const section = drawPadSection(model, samples, kind);
 */
export function drawPadSection(model: Autoencoder, samples: Samples, kind: SampleKind): HTMLElement | undefined {
  if (kind.kind !== 'image' || kind.channels !== 1 || !model.decoder || model.isConditional) return undefined;
  const { width: w, height: h } = kind;
  const pixels = new Float32Array(w * h);
  const known = new Float32Array(w * h).fill(1);
  const section = document.createElement('section');
  section.innerHTML = '<h2>Draw</h2><p class="help">Draw with the white brush, mark holes with the hole brush, drop an image, or start from a test sample: the model repairs it as you go.</p>';
  const controls = document.createElement('div');
  controls.className = 'controls';
  const brush = document.createElement('select');
  brush.append(new Option('white brush', 'draw'), new Option('black brush', 'erase'), new Option('hole brush (repair)', 'hole'));
  const clear = Object.assign(document.createElement('button'), { textContent: 'Clear' });
  const fromSample = Object.assign(document.createElement('button'), { textContent: 'Start from a test sample' });
  controls.append(brush, clear, fromSample);
  const pad = document.createElement('canvas');
  pad.className = 'pad';
  pad.width = w;
  pad.height = h;
  pad.style.width = `${w * SCALE}px`;
  pad.style.height = `${h * SCALE}px`;
  const output = document.createElement('div');
  output.className = 'decoded';
  const row = document.createElement('div');
  row.className = 'latent';
  row.append(pad, output);
  section.append(controls, row);

  const paint = () => {
    const ctx = pad.getContext('2d')!;
    const image = ctx.createImageData(w, h);
    for (let p = 0; p < w * h; p++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, pixels[p])));
      const hole = known[p] === 0;
      image.data.set(hole ? [220, 60, 60, 255] : [v, v, v, 255], p * 4);
    }
    ctx.putImageData(image, 0, 0);
  };
  let pending = false;
  const update = () => {
    paint();
    if (pending) return;
    pending = true;
    requestAnimationFrame(async () => {
      pending = false;
      const x = tf.tensor(pixels, [1, h, w, 1]);
      const holes = known.includes(0);
      const mask = holes ? tf.tensor(known, [1, h, w, 1]) : undefined;
      const out = repair(model, x, mask ? { mask } : {});
      const values = (await out.data()) as Float32Array;
      tf.dispose([x, out, ...(mask ? [mask] : [])]);
      output.replaceChildren(drawSample(values, kind, SCALE / 2), Object.assign(document.createElement('span'), { textContent: holes ? 'repaired (holes filled)' : 'reconstructed' }));
      pageState().pad = { holes: known.filter((k) => k === 0).length, values: Array.from(values) };
    });
  };
  const stroke = (event: PointerEvent) => {
    if (event.buttons !== 1) return;
    const rect = pad.getBoundingClientRect();
    const cx = ((event.clientX - rect.left) / rect.width) * w;
    const cy = ((event.clientY - rect.top) / rect.height) * h;
    for (let y = Math.floor(cy - 2); y <= Math.ceil(cy + 2); y++)
      for (let x = Math.floor(cx - 2); x <= Math.ceil(cx + 2); x++) {
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        const strength = Math.max(0, 1 - Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / 1.8);
        if (strength <= 0) continue;
        const p = y * w + x;
        if (brush.value === 'hole') known[p] = 0;
        else {
          known[p] = 1;
          pixels[p] = brush.value === 'draw' ? Math.max(pixels[p], strength) : Math.min(pixels[p], 1 - strength);
        }
      }
    update();
  };
  pad.addEventListener('pointerdown', stroke);
  pad.addEventListener('pointermove', stroke);
  clear.addEventListener('click', () => {
    pixels.fill(0);
    known.fill(1);
    update();
  });
  let next = 0;
  fromSample.addEventListener('click', () => {
    pixels.set(samples.x.subarray(next * samples.size, (next + 1) * samples.size));
    known.fill(1);
    pageState().padSample = next;
    next = (next + 1) % samples.n;
    update();
  });
  section.addEventListener('dragover', (e) => e.preventDefault());
  section.addEventListener('drop', async (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    const scratch = Object.assign(document.createElement('canvas'), { width: w, height: h });
    const ctx = scratch.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0, w, h);
    const rgba = ctx.getImageData(0, 0, w, h).data;
    let mean = 0;
    for (let p = 0; p < w * h; p++) mean += (pixels[p] = (rgba[p * 4] + rgba[p * 4 + 1] + rgba[p * 4 + 2]) / (3 * 255)) / (w * h);
    if (mean > 0.5) for (let p = 0; p < w * h; p++) pixels[p] = 1 - pixels[p]; // dark ink on light paper: the model knows light on dark
    known.fill(1);
    update();
  });
  update();
  return section;
}
