/**
 * Refusing to pass on Infinity or NaN. `encode` and `detect` check the data
 * after the model's saved scaling (a feature that was (almost) constant in
 * training has a huge min-max or standard factor, and new data that varies
 * there overflows float32) and the model's outputs (weights or inputs that
 * overflow in the forward pass), and name the samples and columns.
 */
import { DataValueError } from '@hourglass/core';
import type { Scaler } from '@hourglass/data';

/** A non-finite entry: its sample (0-based) and its index within the sample. */
interface Bad {
  sample: number;
  entry: number;
}

const SHOWN = 5;

/** The first few non-finite entries of `values` (n samples), and how many there are. */
function nonFinite(values: Float32Array, n: number): { first: Bad[]; count: number } {
  const per = n ? values.length / n : 0;
  const first: Bad[] = [];
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) continue;
    if (first.length < SHOWN) first.push({ sample: Math.floor(i / per), entry: i % per });
    count++;
  }
  return { first, count };
}

const more = (count: number) => (count > SHOWN ? ` and ${count - SHOWN} more` : '');

/**
 * Throws when `values` (n samples of `what`, e.g. "reconstructions") hold
 * Infinity or NaN; `column(entry)` names an entry of a sample.
 *
 * @example
 * assertFiniteOutput(scores, scores.length, 'scores', () => 'score', 'model');
 */
export function assertFiniteOutput(values: Float32Array, n: number, what: string, column: (entry: number) => string, model: string, offset = 0): void {
  const { first, count } = nonFinite(values, n);
  if (!count) return;
  const at = first.map((b) => `sample ${offset + b.sample} ${column(b.entry)} = ${values[b.sample * (values.length / n) + b.entry]}`).join(', ');
  throw new DataValueError(
    `${model}: the model's ${what} hold ${count} non-finite ${count === 1 ? 'value' : 'values'} (${at}${more(count)}; samples count from 0), so nothing was written. ` +
      'Its weights or these inputs overflow float32: check the data against what the model was trained on, or retrain it',
  );
}

/**
 * Throws when the model's saved scaling turned data into Infinity or NaN,
 * naming the samples, columns, values and the scaler's fitted parameters.
 *
 * @example
 * assertFiniteScaled(raw.x, scaled.x, raw.n, scaler, (j) => `column "${names[j]}"`, 'new.csv');
 */
export function assertFiniteScaled(raw: Float32Array, scaled: Float32Array, n: number, scaler: Scaler, column: (entry: number) => string, file: string, offset = 0): void {
  const { first, count } = nonFinite(scaled, n);
  if (!count) return;
  const json = scaler.toJSON();
  const [a, b] = json.kind === 'minmax' ? [json.params.min, json.params.max] : [json.params.mean, json.params.std];
  const [an, bn] = json.kind === 'minmax' ? ['min', 'max'] : ['mean', 'std'];
  const per = raw.length / n;
  const at = first.map((e) => {
    const p = e.entry % a.length;
    return `sample ${offset + e.sample} ${column(e.entry)}: ${raw[e.sample * per + e.entry]} -> ${scaled[e.sample * per + e.entry]} (fitted ${an} ${a[p]}, ${bn} ${b[p]})`;
  });
  throw new DataValueError(
    `${file}: the model's saved ${json.kind} scaling turns ${count} ${count === 1 ? 'value' : 'values'} into Infinity or NaN: ${at.join('; ')}${more(count)} (samples count from 0). ` +
      'A feature that hardly varied in the training data cannot scale data that varies there: retrain on data where it varies, or leave it out (--columns)',
  );
}
