/**
 * The samples `hourglass serve` shows beside a model: the first `count`
 * samples of the test part of the data the model was trained on (or of
 * `--data`), cut by the split `hourglass train` uses, so that they are
 * samples the model never saw, and scaled with the model's saved scaling,
 * as the model takes them. The page does every computation with the model
 * itself; the server only reads and scales data.
 */
import { existsSync } from 'node:fs';
import { scalerFromJSON, readData, type ArrayDataset } from '@hourglass/data';
import { UsageError } from '../exit-codes.js';
import { readOptions, standardSplit } from '../data.js';
import type { ModelMetadata } from '../model-metadata.js';

/** The windows of the last `fraction` of `ds` (all of them when the fraction is 0). */
function lastWindows(ds: ArrayDataset, fraction: number): ArrayDataset {
  if (fraction <= 0) return ds;
  const size = ds.sampleShape.reduce((a, b) => a * b, 1);
  const from = Math.min(ds.n - 1, Math.floor(ds.n * (1 - fraction)));
  return { ...ds, n: ds.n - from, x: ds.x.subarray(from * size), labels: ds.labels?.subarray(from) };
}

/** The steps of a series the page scores and draws (scaled as the model takes them). */
export interface SeriesInfo {
  name: string;
  /** Steps sent, of `features` values each. */
  steps: number;
  features: number;
  columns?: string[];
  /** The index of the first step of the test range among the steps sent (the steps before it give the first windows their context). */
  testFrom: number;
}

/**
 * For a model trained on a series: the test range of the series (the last
 * fraction of its steps `train --window` held out) with the `window - 1`
 * steps before it, scaled, for the page to score step by step and draw.
 *
 * @example
 * const series = servedSeries('load.csv', metadata, json.scaling);
 */
export function servedSeries(spec: string, metadata: ModelMetadata, scaling: unknown): { info: SeriesInfo; x: Float32Array } | undefined {
  const series = metadata.series;
  if (!series) return undefined;
  const steps = readData(spec, readOptions({ columns: metadata.columns?.join(',') }));
  const features = steps.sampleShape.reduce((a, b) => a * b, 1);
  const testFrom = Math.min(steps.n - 1, Math.floor(steps.n * (1 - series.split.test)));
  const from = Math.max(0, testFrom - (series.window - 1));
  const part: ArrayDataset = { ...steps, n: steps.n - from, x: steps.x.slice(from * features), labels: undefined };
  const scaled = scaling === undefined || scaling === null ? part : scalerFromJSON(scaling).transform(part);
  return { info: { name: steps.name, steps: part.n, features, ...(steps.columns ? { columns: steps.columns } : {}), testFrom: testFrom - from }, x: scaled.x };
}

/** What the page receives about the samples (with their values in a separate binary file). */
export interface SamplesInfo {
  name: string;
  n: number;
  sampleShape: number[];
  labels?: number[];
  labelNames?: string[];
  columns?: string[];
}

/** The first `count` samples of `test` (of the data `ds`), scaled, as served, shaped `sampleShape`. */
function served(ds: ArrayDataset, test: ArrayDataset, count: number, sampleShape: number[], scaling: unknown): { info: SamplesInfo; x: Float32Array } {
  const n = Math.min(count, test.n);
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const picked: ArrayDataset = { ...test, n, x: test.x.slice(0, n * size), labels: test.labels?.slice(0, n) };
  const scaled = scaling === undefined || scaling === null ? picked : scalerFromJSON(scaling).transform(picked);
  return {
    info: {
      name: ds.name,
      n,
      sampleShape: [...sampleShape],
      ...(picked.labels ? { labels: Array.from(picked.labels) } : {}),
      ...(test.labelNames ? { labelNames: test.labelNames } : {}),
      ...(ds.columns ? { columns: ds.columns } : {}),
    },
    x: scaled.x,
  };
}

/**
 * The samples to serve with a model, and their description.
 *
 * @example
 * const { info, x } = servedSamples({ data: undefined, samples: 256 }, json.metadata, json.scaling);
 */
export function servedSamples(opts: { data?: string; samples: number }, metadata: ModelMetadata, scaling: unknown, inputShape: number[]): { info: SamplesInfo; x: Float32Array } {
  const spec = opts.data ?? metadata.dataset;
  if (!spec) throw new UsageError('the model does not record the data it was trained on; give --data (a dataset name, file or folder)');
  if (metadata.series && opts.data === undefined && !existsSync(spec))
    throw new UsageError(`the model was trained on the series ${spec}, which is not here; give --data with its path (or a bundled series name)`);
  const window = metadata.series?.window;
  const ds = readData(spec, readOptions({ window, columns: metadata.columns?.join(',') }));
  // windows of a series: those of its test range, the last fraction of the steps `train --window` held out
  const heldOut = metadata.series?.split.test ?? 0;
  const test = window === undefined ? standardSplit(ds, spec).test : lastWindows(ds, heldOut);
  const size = inputShape.reduce((a, b) => a * b, 1);
  if (test.sampleShape.reduce((a, b) => a * b, 1) !== size)
    throw new UsageError(`${spec}: its samples have shape [${test.sampleShape.join(', ')}], the model takes [${inputShape.join(', ')}]; give --data with the model's kind of data`);
  return served(ds, test, opts.samples, inputShape, scaling);
}

/**
 * Without a model: the first `samples` samples of the training part of
 * `data` (the split `hourglass train` uses), as they are, for the page's
 * trainer.
 *
 * @example
 * const { info, x } = trainingSamples('mnist', 2000);
 */
export function trainingSamples(data: string, samples: number): { info: SamplesInfo; x: Float32Array } {
  const ds = readData(data);
  return served(ds, standardSplit(ds, data).train, samples, ds.sampleShape, undefined);
}
