/**
 * Scaling fitted on the training split and applied unchanged to the others.
 *
 * A scaler is described by plain JSON, `{ kind, params }`, so a saved model can
 * carry it and rebuild it with scalerFromJSON. Parameters are vectors that
 * repeat along the flattened sample: length 1 (`per: 'global'`), the last axis
 * (`per: 'channel'`) or the whole sample (`per: 'feature'`, the default).
 * Fitting ignores unobserved entries (mask 0), and transforming keeps them 0.
 * A constant feature (max = min, or std = 0) is shifted but not stretched.
 * A dataset's targets `y` (forecasts, shape targetShape per sample) are scaled
 * and unscaled with x: a per-channel or global scaler fits any target with the
 * same last axis; a per-feature scaler only a target whose samples are a
 * whole number of its periods.
 */
import { sampleSize } from '../dataset.js';
import { DataError } from '../errors.js';
import type { ArrayDataset } from '../types.js';

/** The plain-JSON form of a scaler. */
export type ScalerJSON =
  | { kind: 'minmax'; params: { min: number[]; max: number[] } }
  | { kind: 'standard'; params: { mean: number[]; std: number[] } };

/** Options of fitScaler. */
export interface ScalerOptions {
  /** 'minmax' maps [min, max] to [0, 1]; 'standard' gives mean 0 and standard deviation 1. */
  kind: 'minmax' | 'standard';
  /** One parameter per feature (default), per channel (last axis), or one for everything. */
  per?: 'feature' | 'channel' | 'global';
}

/** A fitted, invertible scaling. */
export interface Scaler {
  readonly kind: 'minmax' | 'standard';
  /** A new dataset with x (and the targets y, when present) scaled; labels, mask and other fields carried over. */
  transform<T extends ArrayDataset>(ds: T): T;
  /** A new dataset with the scaling of x (and y) undone. */
  inverse<T extends ArrayDataset>(ds: T): T;
  /** Scales a flat array of whole samples (or a single sample); returns a new array. */
  transformArray(x: Float32Array, mask?: Float32Array): Float32Array;
  /** Undoes the scaling of a flat array; returns a new array. */
  inverseArray(x: Float32Array): Float32Array;
  /** The plain JSON form, for saving. */
  toJSON(): ScalerJSON;
}

/**
 * Fits a scaler on a (training) dataset.
 *
 * @example
 * const scaler = fitScaler(train, { kind: 'standard' });
 * const testScaled = scaler.transform(test);
 * const saved = JSON.stringify(scaler); // '{"kind":"standard","params":{"mean":[...],"std":[...]}}'
 */
export function fitScaler(ds: ArrayDataset, options: ScalerOptions): Scaler {
  const period = options.per === 'global' ? 1 : options.per === 'channel' ? ds.sampleShape[ds.sampleShape.length - 1] ?? 1 : sampleSize(ds.sampleShape);
  if (!(period >= 1)) throw new DataError(`${ds.name}: cannot fit a scaler on samples of shape [${ds.sampleShape.join(', ')}]`);
  const { x, mask } = ds;
  const count = new Float64Array(period);
  if (options.kind === 'minmax') {
    const min = new Array<number>(period).fill(Infinity);
    const max = new Array<number>(period).fill(-Infinity);
    for (let i = 0; i < x.length; i++) {
      if (mask && mask[i] === 0) continue;
      const p = i % period;
      if (x[i] < min[p]) min[p] = x[i];
      if (x[i] > max[p]) max[p] = x[i];
      count[p]++;
    }
    for (let p = 0; p < period; p++) if (count[p] === 0) (min[p] = 0), (max[p] = 1);
    return makeScaler({ kind: 'minmax', params: { min, max } });
  }
  if (options.kind !== 'standard') throw new DataError(`unknown scaler kind ${JSON.stringify(options.kind)}, expected 'minmax' or 'standard'`);
  const sum = new Float64Array(period);
  for (let i = 0; i < x.length; i++) {
    if (mask && mask[i] === 0) continue;
    sum[i % period] += x[i];
    count[i % period]++;
  }
  const mean = Array.from(sum, (s, p) => (count[p] ? s / count[p] : 0));
  const sq = new Float64Array(period);
  for (let i = 0; i < x.length; i++) {
    if (mask && mask[i] === 0) continue;
    const d = x[i] - mean[i % period];
    sq[i % period] += d * d;
  }
  const std = Array.from(sq, (s, p) => (count[p] ? Math.sqrt(s / count[p]) : 1));
  return makeScaler({ kind: 'standard', params: { mean, std } });
}

/**
 * Rebuilds a scaler from its JSON form (as saved with a model).
 *
 * @example
 * const scaler = scalerFromJSON(JSON.parse(saved));
 */
export function scalerFromJSON(json: unknown): Scaler {
  const j = json as ScalerJSON;
  const vectors = j && typeof j === 'object' && j.params && typeof j.params === 'object'
    ? j.kind === 'minmax' ? [(j.params as { min: unknown }).min, (j.params as { max: unknown }).max]
      : j.kind === 'standard' ? [(j.params as { mean: unknown }).mean, (j.params as { std: unknown }).std] : undefined
    : undefined;
  if (!vectors) throw new DataError(`invalid scaler JSON: expected {kind: 'minmax' | 'standard', params}, got ${JSON.stringify(json)?.slice(0, 80)}`);
  const [a, b] = vectors;
  const ok = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'number' && Number.isFinite(e));
  if (!ok(a) || !ok(b) || a.length !== b.length) {
    throw new DataError(`invalid scaler JSON: the ${j.kind} parameters must be two non-empty lists of finite numbers of equal length`);
  }
  return makeScaler(j);
}

function makeScaler(json: ScalerJSON): Scaler {
  // y = (x - shift) * factor; x = y / factor + shift
  const shift = (json.kind === 'minmax' ? json.params.min : json.params.mean).map((v) => v + 0); // -0 -> 0, as JSON would
  const spread = json.kind === 'minmax' ? json.params.max.map((m, p) => m - json.params.min[p]) : json.params.std;
  const factor = spread.map((s) => (s > 0 ? 1 / s : 1));
  const period = shift.length;
  const check = (length: number) => {
    if (length % period !== 0) {
      throw new DataError(`this scaler was fitted on ${period} features per sample, but the data has ${length} values (not a multiple)`);
    }
  };
  const transformArray = (x: Float32Array, mask?: Float32Array) => {
    check(x.length);
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const p = i % period;
      out[i] = mask && mask[i] === 0 ? 0 : (x[i] - shift[p]) * factor[p];
    }
    return out;
  };
  const inverseArray = (x: Float32Array) => {
    check(x.length);
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const p = i % period;
      out[i] = x[i] / factor[p] + shift[p];
    }
    return out;
  };
  /** The targets of a dataset, checked to fit the scaler sample by sample. */
  const targetsOf = (ds: ArrayDataset): Float32Array | undefined => {
    const { y } = ds;
    if (!y) return undefined;
    const size = ds.targetShape ? sampleSize(ds.targetShape) : ds.n > 0 ? y.length / ds.n : 0;
    if (size % period !== 0) {
      const shape = ds.targetShape ? `shape [${ds.targetShape.join(', ')}]` : `${size} values`;
      throw new DataError(
        `${ds.name}: this scaler has ${period} parameters per sample and cannot scale targets y of ${shape} per sample`,
        { hint: ['fit the scaler per channel (', { option: 'per', value: 'channel' }, ') to scale windows and their targets alike'] },
      );
    }
    return y;
  };
  const withTargets = <T extends ArrayDataset>(ds: T, x: Float32Array, f: (y: Float32Array) => Float32Array): T => {
    const y = targetsOf(ds);
    return (y ? { ...ds, x, y: f(y) } : { ...ds, x }) as T;
  };
  const frozen = JSON.parse(JSON.stringify(json)) as ScalerJSON;
  return {
    kind: json.kind,
    transform: (ds) => withTargets(ds, transformArray(ds.x, ds.mask), (y) => transformArray(y)),
    inverse: (ds) => withTargets(ds, inverseArray(ds.x), inverseArray),
    transformArray,
    inverseArray,
    toJSON: () => JSON.parse(JSON.stringify(frozen)) as ScalerJSON,
  };
}
