/**
 * For a model that generates (a latent with a prior): samples drawn from
 * the prior, a slider per code dimension (up to eight) decoding the code
 * they set as they move, and the straight path in code space between two
 * test samples, decoded step by step. A conditional model gets a class
 * picker that every view follows.
 */
import { tf, type Autoencoder } from '@hourglass/core';
import { drawSample, sampleKind, type SampleKind } from './draw.js';
import { pageState } from './state.js';
import type { Samples } from './samples.js';

const SLIDERS = 8;
const STEPS = 8;

async function decodeRows(model: Autoencoder, codes: Float32Array, n: number, condition: number | undefined): Promise<Float32Array> {
  const z = tf.tensor(codes, [n, ...model.codeShape]);
  const classes = condition === undefined ? undefined : tf.tensor1d(new Int32Array(n).fill(condition), 'int32');
  const out = model.decode(z, classes);
  const values = (await out.data()) as Float32Array;
  tf.dispose([z, out, ...(classes ? [classes] : [])]);
  return values;
}

function strip(values: Float32Array, n: number, kind: SampleKind, size: number, scale: number): HTMLElement {
  const row = document.createElement('div');
  row.className = 'strip';
  for (let i = 0; i < n; i++) row.append(drawSample(values.subarray(i * size, (i + 1) * size), kind, scale));
  return row;
}

/**
 * The generation section, or undefined when the model cannot generate.
 *
 * @example
 * const section = await generativeSection(model, samples);
 */
export async function generativeSection(model: Autoencoder, samples: Samples): Promise<HTMLElement | undefined> {
  if (!model.canGenerate || model.codeShape.length !== 1) return undefined;
  const k = model.codeShape[0];
  const kind = sampleKind(samples.sampleShape);
  const size = samples.size;
  let condition: number | undefined = model.isConditional ? 0 : undefined;
  const section = document.createElement('section');
  section.innerHTML = '<h2>Generation</h2><p class="help">Codes drawn from the prior, a code set by hand, and the path between two test samples, all decoded here.</p>';
  const controls = document.createElement('div');
  controls.className = 'controls';
  const sampleButton = document.createElement('button');
  sampleButton.textContent = 'Draw new samples';
  controls.append(sampleButton);
  if (model.isConditional) {
    const picker = document.createElement('select');
    for (let c = 0; c < model.conditionClasses; c++) picker.append(new Option(samples.labelNames?.[c] ?? `class ${c}`, String(c)));
    picker.addEventListener('change', () => {
      condition = Number(picker.value);
      void refresh();
    });
    controls.append(picker);
  }
  const drawn = document.createElement('div');
  const sliders = document.createElement('div');
  sliders.className = 'sliders';
  const sliderOut = document.createElement('div');
  sliderOut.className = 'decoded';
  const path = document.createElement('div');
  section.append(controls, drawn, sliders, sliderOut, path);

  let seed = 1;
  const code = new Float32Array(k);
  const drawSamples = async () => {
    const out = model.generate(8, seed, condition === undefined ? {} : { condition });
    const values = (await out.data()) as Float32Array;
    out.dispose();
    drawn.replaceChildren(strip(values, 8, kind, size, 1.6));
    pageState().generated = { seed, n: 8 };
  };
  const decodeSliders = async () => {
    const values = await decodeRows(model, code, 1, condition);
    sliderOut.replaceChildren(drawSample(values, kind, 3), Object.assign(document.createElement('span'), { textContent: `code (${Array.from(code.subarray(0, SLIDERS), (v) => v.toFixed(1)).join(', ')}${k > SLIDERS ? ', 0, …' : ''})` }));
    pageState().sliders = { code: Array.from(code), values: Array.from(values) };
  };
  for (let j = 0; j < Math.min(k, SLIDERS); j++) {
    const input = Object.assign(document.createElement('input'), { type: 'range', min: '-3', max: '3', step: '0.05', value: '0' });
    input.dataset.dimension = String(j);
    input.addEventListener('input', () => {
      code[j] = Number(input.value);
      void decodeSliders();
    });
    const label = document.createElement('label');
    label.append(`z${j}`, input);
    sliders.append(label);
  }
  const ends = [0, 1].map((i) => {
    const pick = document.createElement('select');
    for (let j = 0; j < samples.n; j++) pick.append(new Option(`#${j}${samples.labelOf(j) === undefined ? '' : ` (${samples.labelOf(j)})`}`, String(j)));
    pick.value = String(Math.min(i, samples.n - 1));
    pick.addEventListener('change', () => void interpolate());
    return pick;
  });
  const interpolate = async () => {
    if (samples.n < 2) return;
    const [a, b] = ends.map((e) => Number(e.value));
    const pair = new Float32Array(2 * size);
    pair.set(samples.x.subarray(a * size, (a + 1) * size), 0);
    pair.set(samples.x.subarray(b * size, (b + 1) * size), size);
    const x = tf.tensor(pair, [2, ...samples.sampleShape]);
    const classes = model.isConditional && samples.labels ? tf.tensor1d([samples.labels[a], samples.labels[b]], 'int32') : undefined;
    const z = model.encode(x, classes);
    const codesAB = (await z.data()) as Float32Array;
    tf.dispose([x, z, ...(classes ? [classes] : [])]);
    const codes = new Float32Array(STEPS * k);
    for (let s = 0; s < STEPS; s++) for (let j = 0; j < k; j++) codes[s * k + j] = codesAB[j] + ((codesAB[k + j] - codesAB[j]) * s) / (STEPS - 1);
    const values = await decodeRows(model, codes, STEPS, condition);
    const caption = Object.assign(document.createElement('p'), { className: 'help controls' });
    caption.append('From test sample ', ends[0], ' to ', ends[1], ` in ${STEPS} steps:`);
    path.replaceChildren(caption, strip(values, STEPS, kind, size, 1.6));
    pageState().interpolation = { from: a, to: b, steps: STEPS };
  };
  const refresh = async () => {
    await drawSamples();
    await decodeSliders();
    await interpolate();
  };
  sampleButton.addEventListener('click', () => {
    seed += 1;
    void drawSamples();
  });
  await refresh();
  return section;
}
