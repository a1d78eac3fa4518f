/**
 * The trainer's state as stored in a checkpoint's model.json (`training`),
 * and its validation on reading: every field is checked by type and range,
 * and against the others (the history holds epochs 0..epoch in order, the
 * best epoch is one of them), so a damaged or edited checkpoint fails with
 * the field named instead of training "epoch -3/6".
 *
 * JSON cannot hold Infinity, so "no best value yet" is stored as null.
 */
import { ConfigError } from '../errors.js';
import { s, type Field } from '../schema.js';
import type { EpochMetrics } from './events.js';
import type { DataFingerprint } from './fingerprint.js';
import type { ScheduleState } from './schedules.js';

/** Trainer state stored in a checkpoint. */
export interface TrainerState {
  /** Last completed epoch (0-based). */
  epoch: number;
  history: EpochMetrics[];
  schedule: ScheduleState;
  /** Early stopping: best monitored loss, its epoch (-1 = none yet) and epochs since. */
  best: { value: number; epoch: number; wait: number };
  learningRate: number;
  iterations: number;
  /** The training data the run started on (absent in checkpoints of older versions). */
  data?: DataFingerprint;
}

const custom = <T>(expected: string, ok: (v: unknown) => boolean): Field<T> => ({
  kind: 'custom',
  expected,
  hasDefault: false,
  check(v, path) {
    if (!ok(v)) throw new ConfigError(`${path}: expected ${expected}, got ${JSON.stringify(v)}`);
    return v as T;
  },
});
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const numberOrNull = custom<number | null>('a finite number or null', (v) => v === null || isNumber(v));
const numberRecord = custom<Record<string, number>>('an object of finite numbers', (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isNumber));
const hexOrNull = custom<string | null>('an 8-digit hex CRC or null', (v) => v === null || (typeof v === 'string' && /^[0-9a-f]{8}$/.test(v)));
const intOrNull = custom<number | null>('an integer >= 0 or null', (v) => v === null || (Number.isInteger(v) && (v as number) >= 0));

const epochMetrics = s.object({
  epoch: s.int({ min: 0 }),
  loss: s.number(),
  terms: numberRecord,
  valLoss: s.optional(s.number()),
  learningRate: s.number({ gt: 0 }),
  samplesPerSec: s.number({ min: 0 }),
  seconds: s.number({ min: 0 }),
});

const storedState = s.object({
  epoch: s.int({ min: 0 }),
  history: s.array(epochMetrics),
  schedule: s.object({ best: numberOrNull, wait: s.int({ min: 0 }) }),
  best: s.object({ value: numberOrNull, epoch: s.int({ min: -1 }), wait: s.int({ min: 0 }) }),
  learningRate: s.number({ gt: 0 }),
  iterations: s.int({ min: 0 }),
  data: s.optional(s.object({ n: intOrNull, sampleShape: s.array(s.int({ min: 1 }), { minLength: 1 }), crc: hexOrNull })),
});

/**
 * The state as JSON can hold it (Infinity as null).
 *
 * @example
 * JSON.stringify(stateToJson(state)); // best.value null before the first epoch
 */
export function stateToJson(state: TrainerState): unknown {
  const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
  return { ...state, best: { ...state.best, value: finiteOrNull(state.best.value) }, schedule: { ...state.schedule, best: finiteOrNull(state.schedule.best) } };
}

/**
 * Validates a stored state; throws `ConfigError` naming the field
 * (`training.epoch`, `training.history[3].loss`, ...).
 *
 * @example
 * stateFromJson(JSON.parse(text).training); // TrainerState, or throws "training.epoch: expected an integer >= 0, got -5"
 */
export function stateFromJson(raw: unknown): TrainerState {
  const st = storedState.parse(raw, 'training');
  const wrong = (field: string, expected: string, got: unknown) => new ConfigError(`training.${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  if (st.history.length !== st.epoch + 1) throw wrong('history', `${st.epoch + 1} entries (epochs 0..${st.epoch})`, `${st.history.length} entries`);
  st.history.forEach((m, i) => {
    if (m.epoch !== i) throw wrong(`history[${i}].epoch`, String(i), m.epoch);
  });
  if (st.best.epoch > st.epoch) throw wrong('best.epoch', `an epoch from -1 to ${st.epoch}`, st.best.epoch);
  if ((st.best.epoch === -1) !== (st.best.value === null)) throw wrong('best.value', st.best.epoch === -1 ? 'null with best.epoch -1' : `a number (the loss of epoch ${st.best.epoch})`, st.best.value);
  return {
    ...st,
    best: { ...st.best, value: st.best.value ?? Infinity },
    schedule: { ...st.schedule, best: st.schedule.best ?? Infinity },
    data: st.data && { ...st.data, sampleShape: [...st.data.sampleShape] },
  };
}
