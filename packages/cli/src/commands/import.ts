/**
 * `hourglass import`: a standard encoder-decoder trained elsewhere (a tfjs
 * LayersModel folder, a Keras 3 `.keras` file) as an Hourglass model folder,
 * so that encode, detect, repair and the browser page work on it. The code
 * is the narrowest layer's output unless `--split` names the code layer;
 * the loss follows the network's last activation (sigmoid: BCE, softmax:
 * multinomial, else MSE). Before it is saved, the model runs on a probe
 * batch: a network that gives NaN or infinity is refused. A scaling beside
 * the network, as `hourglass export` writes it (`scaling.json` in the
 * folder, `<file>.scaling.json` beside a .keras file), becomes the model's
 * scaling again, so the imported model reads data in its own units.
 */
import { stat } from 'node:fs/promises';
import { scalerFromJSON } from '@hourglass/data';
import { ConfigError, ModelFileError, directoryStore, saveModel, tf, DEFAULT_MAX_WEIGHT_BYTES, type Autoencoder, type ModelStore } from '@hourglass/core';
import type { BackendChoice } from '@hourglass/backends';
import { selectBackend } from '@hourglass/backends';
import { ensureVariants } from '../variants.js';

/** The formats `hourglass import` reads. */
export const IMPORT_FORMATS = ['tfjs-layers', 'keras'] as const;

/** Options of `hourglass import` (already parsed from flags). */
export interface ImportCommandOptions {
  from: (typeof IMPORT_FORMATS)[number];
  model: string;
  out: string;
  split?: string;
  backend: BackendChoice;
  json: boolean;
}

/** Refuses a model whose outputs on a probe batch are not all finite. */
function checkProbe(model: Autoencoder): void {
  const bad = tf.tidy(() => {
    const x = tf.randomUniform([4, ...model.recipe.inputShape], 0, 1, 'float32', 1);
    return tf.logicalNot(tf.all(tf.isFinite(model.reconstruct(x)))).dataSync()[0] === 1;
  });
  if (bad) throw new ConfigError('the imported network gives NaN or infinite outputs on a probe batch of data in [0, 1]; it is not saved', { field: 'model' });
}

/** Largest scaling.json read (a scaler holds two numbers per feature). */
const MAX_SCALING_BYTES = 64 * 1024 * 1024;

/** The scaling saved beside the network, checked, or undefined when there is none. */
async function scalingBeside(store: ModelStore, name: string): Promise<unknown> {
  const size = await store.size(name);
  if (size === undefined) return undefined;
  const where = store.describe(name);
  if (size > MAX_SCALING_BYTES) throw new ModelFileError(`is larger than ${MAX_SCALING_BYTES} bytes; not a scaling`, where);
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(await store.read(name)));
    scalerFromJSON(json);
    return json;
  } catch (e) {
    throw new ModelFileError(`is not a scaling written by hourglass export (${(e as Error).message})`, where);
  }
}

/** Largest .keras file read (its weights are bounded as a saved model's are). */
const MAX_KERAS_BYTES = DEFAULT_MAX_WEIGHT_BYTES + 64 * 1024 * 1024;

async function readNetwork(opts: ImportCommandOptions) {
  const { readKerasFile, readTfjsLayersStore } = await import('@hourglass/export');
  const info = await stat(opts.model).catch((e: unknown) => {
    throw new ModelFileError(`cannot be read (${(e as Error).message})`, opts.model);
  });
  const dir = info.isDirectory() ? opts.model : opts.model.replace(/[\\/]?[^\\/]+$/, '') || '.';
  const name = info.isDirectory() ? (opts.from === 'keras' ? '' : 'model.json') : opts.model.slice(dir.length).replace(/^[\\/]/, '');
  if (opts.from === 'keras' && !name) throw new ModelFileError('is a folder; give the .keras file', opts.model);
  const store = directoryStore(dir);
  // a .keras file's scaling sits beside it as <file>.scaling.json, a folder's as scaling.json
  const scalingName = opts.from === 'keras' ? `${name}.scaling.json` : 'scaling.json';
  if (opts.from === 'keras') {
    const size = (await store.size(name)) ?? 0;
    if (size > MAX_KERAS_BYTES) throw new ModelFileError(`is ${size} bytes, more than the ${MAX_KERAS_BYTES} a model may have`, store.describe(name));
    return { net: await readKerasFile(await store.read(name)), scaling: await scalingBeside(store, scalingName) };
  }
  return { net: await readTfjsLayersStore(store, { json: name, maxWeightBytes: DEFAULT_MAX_WEIGHT_BYTES }), scaling: await scalingBeside(store, scalingName) };
}

/**
 * Runs `hourglass import`; returns the exit code.
 *
 * @example
 * await importCommand({ from: 'tfjs-layers', model: 'keras-model/model.json', out: 'imported', backend: 'cpu', json: false });
 */
export async function importCommand(opts: ImportCommandOptions): Promise<number> {
  await ensureVariants(['layers']);
  await selectBackend(opts.backend);
  const { importNetwork } = await import('@hourglass/export');
  const { net, scaling } = await readNetwork(opts);
  const model = importNetwork(net, { split: opts.split });
  try {
    checkProbe(model);
    model.scaling = scaling;
    model.metadata = { imported: { from: opts.from, file: opts.model } };
    await saveModel(model, opts.out);
    const summary = {
      from: opts.from,
      out: opts.out,
      input: model.recipe.inputShape,
      code: model.codeShape,
      loss: model.loss,
      parameters: model.parameterCount,
      scaled: scaling !== undefined,
      encoder: model.encoder.layers.map((l) => l.type),
      decoder: model.decoder!.layers.map((l) => l.type),
    };
    if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else
      process.stdout.write(
        `imported ${opts.model} (${opts.from}): input [${summary.input.join(', ')}] -> code [${summary.code.join(', ')}], loss ${summary.loss}, ${summary.parameters} parameters\n` +
          `  encoder: ${summary.encoder.join(' > ')}\n  decoder: ${summary.decoder.join(' > ')}\nsaved to ${opts.out}\n`,
      );
    return 0;
  } finally {
    model.dispose();
  }
}
