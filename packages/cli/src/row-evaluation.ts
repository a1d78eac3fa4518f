/**
 * `hourglass evaluate` for a model of rows or images (one trained without
 * `--window`). Which data is evaluated:
 *
 * - `--data` alone: the data is cut exactly as `train` cuts it (the same
 *   seeded shuffle, the same test size: MNIST 8,000 / 2,000, Fashion-MNIST
 *   60,000 / 10,000, else 20% held out; `--limit` as in train), and the test
 *   part is evaluated. For the data the model was trained on, that is the
 *   part training held out; a probe fits on the training part.
 * - `--data` with `--train-data`: all of `--data` is evaluated, and a probe
 *   fits on all of `--train-data`.
 *
 * Figures: the training objective and its terms on this data (the loss the
 * trainer reports, `evaluateObjective`, noise seeded by `--seed`), and
 * per-sample means of MSE, BCE and PSNR of the reconstructions against the
 * inputs, both in the units the model sees (after its saved scaling). PSNR
 * takes a peak of 1 when those inputs lie in [0, 1] (images); otherwise the
 * peak is the inputs' range (max - min) and BCE, which needs targets in
 * [0, 1], is null. With `--probe knn|logistic` the same classifier is fitted
 * on the training codes, on the raw training inputs and on a PCA of them
 * with as many dimensions as the code, and scored on the evaluated part.
 */
import { encodeAll, evaluateObjective, imageMetrics, knnProbe, loadModel, logisticProbe, readModelJson, reconstructAll, type Autoencoder } from '@hourglass/core';
import { readData, selectRows, type ArrayDataset } from '@hourglass/data';
import { selectBackend } from '@hourglass/backends';
import { loadTrainingData, readOptions } from './data.js';
import { UsageError } from './exit-codes.js';
import { alignColumns } from './feature-columns.js';
import { assertFiniteOutput, assertFiniteScaled } from './finite.js';
import { readModelMetadata } from './model-metadata.js';
import { savedScaler } from './scaling.js';
import { withConditions } from './class-names.js';
import { ensureVariants, importPlugins } from './variants.js';
import { pcaBaseline } from './probe-pca.js';
import { columnNamer, type SavedModelDataFlags } from './saved-run.js';

/** The probes `--probe` offers. */
export const PROBES = ['knn', 'logistic'] as const;

/** Options of `hourglass evaluate` on rows or images. */
export interface RowEvaluateOptions extends SavedModelDataFlags {
  trainData?: string;
  probe?: (typeof PROBES)[number];
  limit?: number;
  seed: number;
  batchSize: number;
  json: boolean;
}

/** Test accuracy of one probe on the codes, the raw inputs and their PCA. */
export interface ProbeReport {
  kind: (typeof PROBES)[number];
  codes: number;
  raw: number;
  pca: number;
  /** Dimensions of the code (and of the PCA). */
  dims: number;
  /** Dimensions of the raw inputs. */
  rawDims: number;
  train: number;
  test: number;
}

const fmt = (v: number | null) => (v === null ? 'n/a' : v.toPrecision(4));

/** The evaluated part and the probe's training part, as the flags choose them. */
function chooseData(opts: RowEvaluateOptions): { evaluated: ArrayDataset; train?: ArrayDataset; what: string } {
  const read = readOptions(opts);
  if (opts.trainData !== undefined) {
    const all = readData(opts.data, read);
    const evaluated = opts.limit !== undefined && opts.limit < all.n ? selectRows(all, Int32Array.from({ length: opts.limit }, (_, i) => i), all.name) : all;
    return { evaluated, train: opts.probe ? readData(opts.trainData, read) : undefined, what: `all of ${evaluated.name}` };
  }
  const parts = loadTrainingData(opts.data, { limit: opts.limit, read });
  if (!parts.test || parts.test.n === 0) throw new UsageError(`--data ${opts.data}: too few samples to hold out a test part; give the data to evaluate with --data and the probe's training data with --train-data`);
  return { evaluated: parts.test, train: parts.train, what: `the test split of ${parts.name} (seed ${parts.split.seed})` };
}

/** Refuses data whose samples do not have the model's input shape, naming the data. */
function checkShape(ds: ArrayDataset, model: Autoencoder, flag: string, file: string): void {
  const want = model.recipe.inputShape;
  if (ds.sampleShape.length !== want.length || ds.sampleShape.some((d, i) => d !== want[i]))
    throw new UsageError(
      `${flag} ${file}: samples of shape [${ds.sampleShape.join(', ')}], but the model takes [${want.join(', ')}]` +
        (want.length === 3 ? ' (images: --size height,width resizes them)' : ''),
    );
}

/** `labels` of a dataset, or a UsageError naming the data and how labels are given. */
function labelsOf(ds: ArrayDataset, flag: string): Int32Array {
  if (ds.labels) return ds.labels;
  throw new UsageError(`--probe needs labels, and ${flag} ${ds.name} has none: use a labelled dataset (mnist, a folder of class folders) or name a CSV column with --label`);
}

/**
 * Runs `hourglass evaluate` on a model of rows or images; returns the exit code.
 *
 * @example
 * await evaluateRows({ model: 'run/model', data: 'mnist', probe: 'knn', seed: 0, batchSize: 512, backend: 'auto', json: true });
 */
export async function evaluateRows(opts: RowEvaluateOptions): Promise<number> {
  await importPlugins(opts.plugin ?? []);
  const modelFile = `${opts.model.replace(/[\\/]+$/, '')}/model.json`;
  const json = await readModelJson(opts.model);
  const metadata = readModelMetadata(json.metadata, modelFile);
  await ensureVariants(json.recipe.variants.map((v) => (v as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === 'string'));
  const chosen = chooseData(opts);
  const evaluated = alignColumns(chosen.evaluated, metadata.columns, opts.data);
  const train = chosen.train && alignColumns(chosen.train, metadata.columns, opts.trainData ?? opts.data);
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  try {
    checkShape(evaluated, model, '--data', opts.data);
    if (train && opts.trainData) checkShape(train, model, '--train-data', opts.trainData);
    const scaler = savedScaler(model.scaling);
    const column = columnNamer(evaluated.columns ?? metadata.columns);
    const classes = metadata.classNames ?? Array.from({ length: model.conditionClasses }, (_, i) => String(i));
    const scale = (ds: ArrayDataset, file: string) => {
      const out = scaler ? scaler.transform(ds) : ds;
      if (scaler) assertFiniteScaled(ds.x, out.x, ds.n, scaler, column, file);
      // a conditional model reads each sample's class from the data's labels, matched to its classes by name
      return model.isConditional ? withConditions(out, classes, file, `the model is conditioned on ${model.conditionClasses} classes`) : out;
    };
    const test = scale(evaluated, opts.data);
    const objective = await evaluateObjective(model, test, { batchSize: opts.batchSize, seed: opts.seed });
    const { values: output } = await reconstructAll(model, test, opts.batchSize);
    assertFiniteOutput(output, test.n, 'reconstructions', column, modelFile);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of test.x) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const unit = lo >= 0 && hi <= 1;
    const peak = unit ? 1 : hi - lo || 1;
    const m = imageMetrics(test.x, output, test.n, test.mask, { peak });
    const summary: Record<string, unknown> = {
      loss: objective.loss,
      terms: objective.terms,
      mse: m.mse,
      bce: unit ? m.bce : null,
      psnr: m.psnr,
      n: test.n,
      peak,
      evaluated: chosen.what,
      trainedOn: metadata.dataset ?? null,
    };
    if (!unit) summary.note = `the inputs (after the model's scaling) span [${lo.toPrecision(4)}, ${hi.toPrecision(4)}], not [0, 1]: PSNR takes their range as its peak, and BCE does not apply`;
    if (opts.probe) summary.probe = await probe(opts, model, scale(train!, opts.trainData ?? opts.data), test);
    if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else printSummary(summary, model.loss);
  } finally {
    model.dispose();
  }
  return 0;
}

/** Fits the probe on the training part's codes, raw inputs and PCA; scores each on the evaluated part. */
async function probe(opts: RowEvaluateOptions, model: Autoencoder, train: ArrayDataset, test: ArrayDataset): Promise<ProbeReport> {
  const trainLabels = labelsOf(train, opts.trainData ? '--train-data' : '--data');
  const testLabels = labelsOf(test, '--data');
  const fit = opts.probe === 'knn'
    ? (a: Float32Array, b: Float32Array, d: number) => knnProbe(a, trainLabels, b, testLabels, d)
    : (a: Float32Array, b: Float32Array, d: number) => logisticProbe(a, trainLabels, b, testLabels, d, { seed: opts.seed });
  const trainCodes = (await encodeAll(model, train, opts.batchSize)).values;
  const testCodes = (await encodeAll(model, test, opts.batchSize)).values;
  const dims = trainCodes.length / train.n;
  const rawDims = train.x.length / train.n;
  const pca = pcaBaseline(train.x, train.n, test.x, test.n, rawDims, dims, opts.seed);
  return {
    kind: opts.probe!,
    codes: fit(trainCodes, testCodes, dims),
    raw: fit(train.x, test.x, rawDims),
    pca: fit(pca.train, pca.test, pca.dims),
    dims,
    rawDims,
    train: train.n,
    test: test.n,
  };
}

function printSummary(s: Record<string, unknown>, lossName: string): void {
  const terms = Object.entries(s.terms as Record<string, number>).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
  const lines = [
    `evaluated ${s.n} samples: ${s.evaluated}${s.trainedOn ? ` (the model was trained on ${s.trainedOn})` : ''}`,
    `loss ${fmt(s.loss as number)} (${terms}; reconstruction ${lossName}, mean per entry)`,
    `per sample: mse ${fmt(s.mse as number)}, bce ${fmt(s.bce as number | null)}, psnr ${(s.psnr as number).toFixed(2)} dB (peak ${s.peak})`,
  ];
  if (s.note) lines.push(`note: ${s.note}`);
  const p = s.probe as ProbeReport | undefined;
  if (p)
    lines.push(
      `${p.kind} probe, fitted on ${p.train} training samples, test accuracy on ${p.test}: codes ${p.codes.toFixed(4)} (${p.dims} dims), raw inputs ${p.raw.toFixed(4)} (${p.rawDims} dims), pca ${p.pca.toFixed(4)} (${p.dims} dims)`,
    );
  process.stdout.write(lines.join('\n') + '\n');
}
