/**
 * Checkpoints: the model, the optimizer's slots and the trainer's state,
 * saved with `saveModel` (so atomically: a crash mid-write leaves the
 * previous checkpoint intact) and read back on resume.
 */
import { ConfigError } from '../errors.js';
import type { Autoencoder } from '../model/autoencoder.js';
import { loadModelWithExtras, saveModel } from '../model/save.js';
import { directoryStore, type ModelStore } from '../model/store.js';
import type { EpochMetrics } from './events.js';
import type { Optimizer } from './optimizers.js';
import type { ScheduleState } from './schedules.js';

/** Trainer state stored in a checkpoint. */
export interface TrainerState {
  /** Last completed epoch (0-based). */
  epoch: number;
  history: EpochMetrics[];
  schedule: ScheduleState;
  best: { value: number; epoch: number; wait: number };
  learningRate: number;
  iterations: number;
}

const toStore = (target: string | ModelStore) => (typeof target === 'string' ? directoryStore(target) : target);

/** Writes a checkpoint. */
export async function writeCheckpoint(target: string | ModelStore, model: Autoencoder, optimizer: Optimizer, state: TrainerState): Promise<void> {
  // JSON cannot hold Infinity; store the "no best yet" value as null.
  const training = { ...state, best: { ...state.best, value: Number.isFinite(state.best.value) ? state.best.value : null }, schedule: { ...state.schedule, best: Number.isFinite(state.schedule.best) ? state.schedule.best : null } };
  const slots = optimizer.slots();
  try {
    await saveModel(model, toStore(target), { tensors: slots, training });
  } finally {
    for (const s of slots) s.tensor.dispose();
  }
}

/**
 * Restores a checkpoint into `model` and `optimizer`; returns its state, or
 * undefined when there is no checkpoint yet.
 */
export async function readCheckpoint(target: string | ModelStore, model: Autoencoder, optimizer: Optimizer): Promise<TrainerState | undefined> {
  const store = toStore(target);
  if ((await store.size('model.json')) === undefined) return undefined;
  const loaded = await loadModelWithExtras(store);
  try {
    if (JSON.stringify(loaded.model.recipe) !== JSON.stringify(model.recipe))
      throw new ConfigError(`checkpoint at ${store.describe('model.json')} was made by a different model (recipe differs)`, { hint: ['remove it or train without ', { option: 'resume' }] });
    model.weights.forEach((w, i) => w.variable.assign(loaded.model.weights[i].variable));
    const raw = loaded.training as TrainerState & { best: { value: number | null }; schedule: { best: number | null } };
    optimizer.restore(loaded.extras, raw.iterations);
    return {
      ...raw,
      best: { ...raw.best, value: raw.best.value ?? Infinity },
      schedule: { ...raw.schedule, best: raw.schedule.best ?? Infinity },
    };
  } finally {
    loaded.model.dispose();
    for (const t of loaded.extras.values()) t.dispose();
  }
}
