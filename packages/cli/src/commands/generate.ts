/**
 * `hourglass generate`: new samples from a saved model. Three modes:
 * samples of the latent prior (`--count`, generative models such as
 * `variational`), the decoded codes on the straight line between the codes
 * of two inputs (`--data --interpolate I,J`, any model with a decoder), and
 * samples of one class (`--class`, conditional models, by name or index). Samples come out in
 * the data's units (the model's saved scaling undone) as NPY or CSV
 * (`--out`), and as a titled PNG grid of images (`--png`, in the model's
 * [0, 1] units).
 */
import { ConfigError, tf, type Autoencoder, type Tensor } from '@hourglass/core';
import { encodeNpy } from '@hourglass/data';
import type { BackendChoice } from '@hourglass/backends';
import { csvText } from '../csv-out.js';
import type { DataFlags } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { assertFiniteOutput } from '../finite.js';
import { openModelAndData, openSavedModel } from '../saved-run.js';
import { STDOUT, outputFormat, summaryStream, writeOutput } from '../output.js';
import { gridPng, imageShapeOf } from '../png.js';
import { savedScaler } from '../scaling.js';
import { classIndex } from '../class-names.js';

/** Options of `hourglass generate` (already parsed from flags). */
export interface GenerateOptions extends DataFlags {
  model: string;
  count?: number;
  data?: string;
  interpolate?: [number, number];
  steps: number;
  class?: string;
  seed: number;
  out?: string;
  png?: string;
  plugin?: string[];
  backend: BackendChoice;
  json: boolean;
}

/** What was generated, in the model's units, with how to show it. */
interface Generated {
  mode: 'prior' | 'interpolate' | 'class';
  model: Autoencoder;
  values: Float32Array;
  n: number;
  title: string;
  rows: Array<{ label: string; values: Float32Array; n: number }>;
  extra: Record<string, unknown>;
}

const tensorValues = async (t: Tensor): Promise<Float32Array> => {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
};

function notGenerative(model: Autoencoder, dir: string): never {
  throw new ConfigError(
    `${dir}: this model cannot generate samples: its variants [${model.variantNames.join(', ')}] have no prior to sample from. ` +
      'Train a generative model (add the "variational" latent, e.g. --variant undercomplete,variational), or interpolate between inputs with --data and --interpolate I,J',
  );
}

/** Rows of at most ten samples each, for the PNG. */
function gridRows(values: Float32Array, n: number, label = ''): Generated['rows'] {
  const per = values.length / Math.max(n, 1);
  const rows: Generated['rows'] = [];
  for (let start = 0; start < n; start += 10) {
    const m = Math.min(10, n - start);
    rows.push({ label: start === 0 ? label : '', values: values.subarray(start * per, (start + m) * per), n: m });
  }
  return rows;
}

async function fromPrior(opts: GenerateOptions): Promise<Generated> {
  const { model } = await openSavedModel(opts);
  if (!model.canGenerate) {
    model.dispose();
    notGenerative(model, opts.model);
  }
  const n = opts.count ?? 20;
  const values = await tensorValues(model.generate(n, opts.seed));
  return { mode: 'prior', model, values, n, title: `${n} samples from the prior, seed ${opts.seed}`, rows: gridRows(values, n), extra: {} };
}

async function ofClass(opts: GenerateOptions): Promise<Generated> {
  const { model } = await openSavedModel(opts);
  if (!model.isConditional) {
    model.dispose();
    throw new ConfigError(`${opts.model}: --class needs a conditional model (trained with --conditional); this one has variants [${model.variantNames.join(', ')}] and no condition`);
  }
  if (!model.canGenerate) {
    model.dispose();
    notGenerative(model, opts.model);
  }
  let index: number;
  try {
    index = classIndex(model.metadata, opts.class!);
  } catch (e) {
    model.dispose();
    throw e;
  }
  const name = (model.metadata.classNames as string[] | undefined)?.[index] ?? String(index);
  const n = opts.count ?? 20;
  const values = await tensorValues(model.generate(n, opts.seed, { condition: index }));
  return { mode: 'class', model, values, n, title: `${n} samples of class ${name}, seed ${opts.seed}`, rows: gridRows(values, n, name), extra: { class: index, className: name } };
}

async function between(opts: GenerateOptions): Promise<Generated> {
  if (!opts.data) throw new UsageError('--interpolate I,J needs --data: the inputs I and J are rows of that data', ['add ', { option: 'data', value: 'FILE' }]);
  const { model, data } = await openModelAndData({ ...opts, data: opts.data });
  const [i, j] = opts.interpolate!;
  for (const [k, flag] of [[i, 'I'], [j, 'J']] as const)
    if (k >= data.n) {
      model.dispose();
      throw new UsageError(`--interpolate: ${flag} = ${k} is past the end of ${opts.data}, which has ${data.n} samples (0 to ${data.n - 1})`);
    }
  if (!model.decoder) {
    model.dispose();
    throw new ConfigError(`${opts.model}: this model has no decoder to decode codes with (it only predicts a target)`);
  }
  const per = data.x.length / data.n;
  const inputs = new Float32Array(2 * per);
  inputs.set(data.x.subarray(i * per, (i + 1) * per), 0);
  inputs.set(data.x.subarray(j * per, (j + 1) * per), per);
  const steps = opts.steps;
  // a conditional model encodes each end with its own class and decodes each step with the class of the nearer end
  const classes = (data as { condition?: Int32Array }).condition;
  const decoded = tf.tidy(() => {
    const ends = classes ? tf.tensor1d([classes[i], classes[j]], 'int32') : undefined;
    const codes = model.encode(tf.tensor(inputs, [2, ...data.sampleShape]), ends);
    const [a, b] = tf.split(codes, 2);
    const t = tf.reshape(tf.linspace(0, 1, steps), [steps, ...codes.shape.slice(1).map(() => 1)]);
    const path = classes ? tf.tensor1d(Array.from({ length: steps }, (_, k) => (k < steps / 2 ? classes[i] : classes[j])), 'int32') : undefined;
    return model.decode(tf.add(tf.mul(a, tf.sub(1, t)), tf.mul(b, t)), path);
  });
  const values = await tensorValues(decoded);
  return {
    mode: 'interpolate',
    model,
    values,
    n: steps,
    title: `from sample ${i} to sample ${j} in ${steps} steps`,
    rows: [
      { label: 'decoded', values, n: steps },
      { label: 'inputs', values: inputs, n: 2 },
    ],
    extra: { from: i, to: j, steps },
  };
}

/**
 * Runs `hourglass generate`; returns the exit code.
 *
 * @example
 * await generateCommand({ model: 'run/model', count: 20, steps: 10, seed: 1, png: 'samples.png', backend: 'auto', json: false });
 */
export async function generateCommand(opts: GenerateOptions): Promise<number> {
  if (!opts.out && !opts.png) throw new UsageError('nothing to write: give --out FILE.npy|FILE.csv and/or --png FILE.png', ['add ', { option: 'png', value: 'samples.png' }]);
  if (opts.interpolate && (opts.count !== undefined || opts.class !== undefined))
    throw new UsageError('--interpolate draws a path between two inputs; it does not combine with --count or --class');
  if (opts.out && opts.out !== STDOUT && !/\.(npy|csv)$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: expected a file ending in .npy or .csv (or - for CSV on stdout)`);
  const format = opts.out ? outputFormat(opts.out, undefined, ['npy', 'csv']) : undefined;
  if (opts.png && !opts.png.toLowerCase().endsWith('.png')) throw new UsageError(`--png ${opts.png}: expected a file ending in .png`);
  const generated = await (opts.interpolate ? between(opts) : opts.class !== undefined ? ofClass(opts) : fromPrior(opts));
  const { model, values, n } = generated;
  const shape = [n, ...model.recipe.inputShape];
  const image = imageShapeOf(model.recipe.inputShape);
  const scaler = savedScaler(model.scaling);
  model.dispose();
  assertFiniteOutput(values, n, 'samples', (e) => `entry ${e}`, `${opts.model}/model.json`);
  if (opts.png) {
    if (!image) throw new UsageError(`--png ${opts.png}: the model's samples have shape [${model.recipe.inputShape.join(', ')}], not images; write them with --out FILE.csv`);
    const cols = Math.max(...generated.rows.map((r) => r.n));
    const png = gridPng(generated.rows.map((r) => r.values), cols, image, { title: generated.title, rowLabels: generated.rows.map((r) => r.label) });
    await writeOutput(opts.png, png);
  }
  if (opts.out) {
    const out = scaler ? scaler.inverseArray(values) : values;
    if (format === 'npy') await writeOutput(opts.out, encodeNpy(out, shape));
    else {
      const width = out.length / n;
      const header = Array.from({ length: width }, (_, k) => `c${k}`);
      await writeOutput(opts.out, csvText(header, n, (r) => Array.from(out.subarray(r * width, (r + 1) * width), String)));
    }
  }
  const summary = { mode: generated.mode, count: n, shape, seed: opts.seed, ...generated.extra, out: opts.out ?? null, png: opts.png ?? null };
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else process.stderr.write(`generated ${n} samples (${generated.title}); wrote ${[opts.out === STDOUT ? 'stdout' : opts.out, opts.png].filter(Boolean).join(' and ')}\n`);
  return 0;
}
