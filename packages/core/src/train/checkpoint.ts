/**
 * Checkpoints: the model, the optimizer's slots, the best epoch's weights
 * (for early stopping) and the trainer's state (`checkpoint-state.ts`),
 * saved with `saveModel` (so atomically: a crash mid-write leaves the
 * previous checkpoint intact) and read back on resume.
 *
 * A checkpoint holds everything a run depends on, so a resumed run ends
 * exactly as an uninterrupted one: shuffling and noise are seeded per epoch
 * and batch from the run seed, so they need no stored generator state.
 * Reading checks everything (recipe, state, data, slots) before it changes
 * the model or the optimizer.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { ConfigError, ModelFileError } from '../errors.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { loadModelWithExtras, saveModel } from '../model/save.js';
import { toStore, type ModelStore } from '../model/store.js';
import type { Optimizer } from './optimizers.js';
import { stateFromJson, stateToJson, type TrainerState } from './checkpoint-state.js';
import { describeData, sameData, type DataFingerprint } from './fingerprint.js';
import { allFinite } from './snapshots.js';

export type { TrainerState } from './checkpoint-state.js';

const BEST = 'best/';

/**
 * Writes a checkpoint; `bestWeights` (aligned with `model.weights`) are stored when given.
 *
 * @example
 * await writeCheckpoint('runs/x/checkpoint', model, optimizer, state, bestWeights);
 */
export async function writeCheckpoint(target: string | ModelStore, model: Autoencoder, optimizer: Optimizer, state: TrainerState, bestWeights?: Tensor[]): Promise<void> {
  const slots = optimizer.slots();
  const best = (bestWeights ?? []).map((tensor, i) => ({ name: BEST + model.weights[i].name, tensor }));
  try {
    await saveModel(model, toStore(target), { tensors: [...slots, ...best], training: stateToJson(state) });
  } finally {
    for (const s of slots) s.tensor.dispose();
  }
}

/** What `readCheckpoint` restores beside the model and the optimizer. */
export interface RestoredCheckpoint {
  state: TrainerState;
  /** The best epoch's weights, when the checkpoint holds them (the caller disposes them). */
  bestWeights?: Tensor[];
}

/**
 * Restores a checkpoint into `model` and `optimizer`; returns its state, or
 * undefined when there is no checkpoint yet. Throws `ModelFileError` naming
 * the file and field when the checkpoint is damaged, and `ConfigError` when
 * it belongs to another model or to other data than `data`.
 *
 * @example
 * const restored = await readCheckpoint('runs/x/checkpoint', model, optimizer, fingerprintData(data));
 * if (restored) startEpoch = restored.state.epoch + 1;
 */
export async function readCheckpoint(target: string | ModelStore, model: Autoencoder, optimizer: Optimizer, data: DataFingerprint): Promise<RestoredCheckpoint | undefined> {
  const store = toStore(target);
  if ((await store.size('model.json')) === undefined) return undefined;
  const file = store.describe('model.json');
  const loaded = await loadModelWithExtras(store);
  const damaged = (what: string) => new ModelFileError(`${what}; this checkpoint cannot be resumed`, file, { hint: ['remove it, or train without ', { option: 'resume' }] });
  try {
    if (JSON.stringify(loaded.model.recipe) !== JSON.stringify(model.recipe))
      throw new ConfigError(`checkpoint at ${file} was made by a different model (recipe differs)`, { hint: ['remove it or train without ', { option: 'resume' }] });
    let state: TrainerState;
    try {
      state = stateFromJson(loaded.training);
    } catch (e) {
      throw e instanceof ConfigError ? damaged(e.message) : e;
    }
    if (state.data && !sameData(state.data, data))
      throw new ConfigError(`checkpoint at ${file} was made on other data (${describeData(state.data)}); this run's data is ${describeData(data)}`, { hint: ['resume on the data the run started on, or train without ', { option: 'resume' }] });
    const names = model.weights.map((w) => w.name);
    const stored = names.filter((n) => loaded.extras.has(BEST + n));
    if (stored.length && stored.length !== names.length) throw damaged(`it holds best weights for ${stored.length} of ${names.length} weights (no "${BEST}${names.find((n) => !loaded.extras.has(BEST + n))}")`);
    const bestWeights = stored.length ? names.map((n) => loaded.extras.get(BEST + n)!) : undefined;
    bestWeights?.forEach((t, i) => {
      if (t.shape.join() !== model.weights[i].variable.shape.join()) throw damaged(`"${BEST}${names[i]}" has shape [${t.shape.join(', ')}], expected [${model.weights[i].variable.shape.join(', ')}]`);
    });
    if (!(await allFinite([...loaded.model.weights.map((w) => w.variable), ...(bestWeights ?? [])]))) throw damaged('its weights hold NaN or Inf');
    try {
      optimizer.restore(loaded.extras, state.iterations); // checks every slot before it assigns any
    } catch (e) {
      throw e instanceof ConfigError ? damaged(e.message) : e;
    }
    model.weights.forEach((w, i) => w.variable.assign(loaded.model.weights[i].variable));
    optimizer.learningRate = state.learningRate;
    for (const n of stored) loaded.extras.delete(BEST + n);
    return { state, bestWeights };
  } finally {
    loaded.model.dispose();
    for (const t of loaded.extras.values()) t.dispose();
  }
}
