/**
 * `hourglass repair`: a saved model repairs damaged data. Missing entries
 * (`--mask FILE`, `--box`, `--random-mask`) are filled keeping the known
 * ones exactly (core's `repair`: reconstruction and re-imposition of the
 * known entries, repeated); without a mask the model's reconstruction undoes
 * noise or blur it was trained on. The command can damage clean data itself
 * (repair-damage.ts) so that the repair is measured: `--json` then reports
 * the PSNR inside the damaged region beside classical baselines computed in
 * the same run (repair-baselines.ts). Data goes through the model's saved
 * scaling and comes back in the data's units; PSNR is measured in the
 * model's units with peak 1 (images in [0, 1]).
 */
import { imageMetrics, repair, tf, type Autoencoder } from '@hourglass/core';
import { encodeNpy, readData, selectRows, type ArrayDataset, type Scaler } from '@hourglass/data';
import { csvText } from '../csv-out.js';
import { readOptions, standardSplit } from '../data.js';
import { UsageError } from '../exit-codes.js';
import { assertFiniteOutput } from '../finite.js';
import { STDOUT, outputFormat, summaryStream, writeOutput } from '../output.js';
import { gridPng, imageShapeOf } from '../png.js';
import { diffusionFill, gaussianFilters, GAUSSIAN_SIGMAS, meanFill, medianFilter } from '../repair-baselines.js';
import { makeDamage, type DamageFlags } from '../repair-damage.js';
import { conditionedFor, openModelAndData, type SavedModelDataFlags } from '../saved-run.js';

/** Options of `hourglass repair` (already parsed from flags). */
export interface RepairCommandOptions extends SavedModelDataFlags, DamageFlags {
  clean?: string;
  out?: string;
  outFormat?: 'csv' | 'npy';
  png?: string;
  split: 'all' | 'test';
  limit?: number;
  iterations?: number;
  show: number;
  batchSize: number;
  json: boolean;
}

/** The part of `ds` the flags select: the standard test split, then the first `limit` rows. */
function selectPart(ds: ArrayDataset, opts: RepairCommandOptions): ArrayDataset {
  let part = opts.split === 'test' ? standardSplit(ds, opts.data).test : ds;
  if (opts.limit !== undefined && opts.limit < part.n) part = selectRows(part, Int32Array.from({ length: opts.limit }, (_, i) => i));
  return part;
}

/** The clean data of `--clean`, selected and scaled as the damaged data is. */
function readClean(opts: RepairCommandOptions, damaged: ArrayDataset, scaler: Scaler | undefined): Float32Array {
  const raw = selectPart(readData(opts.clean!, readOptions(opts)), opts);
  const same = raw.sampleShape.length === damaged.sampleShape.length && raw.sampleShape.every((d, i) => d === damaged.sampleShape[i]);
  if (raw.n !== damaged.n || !same)
    throw new UsageError(
      `--clean ${opts.clean}: expected ${damaged.n} samples of shape [${damaged.sampleShape.join(', ')}] like --data ${opts.data}, got ${raw.n} of [${raw.sampleShape.join(', ')}]`,
    );
  return scaler ? scaler.transform(raw).x : raw.x;
}

/** Repairs `x` in batches. */
async function repairAll(
  model: Autoencoder,
  x: Float32Array,
  known: Float32Array | undefined,
  classes: Int32Array | undefined,
  n: number,
  shape: number[],
  opts: RepairCommandOptions,
): Promise<Float32Array> {
  const per = x.length / Math.max(n, 1);
  const out = new Float32Array(x.length);
  for (let start = 0; start < n; start += opts.batchSize) {
    const m = Math.min(opts.batchSize, n - start);
    const part = (a: Float32Array) => tf.tensor(a.subarray(start * per, (start + m) * per), [m, ...shape]);
    const batch = part(x);
    const mask = known && part(known);
    const condition = classes && tf.tensor1d(classes.subarray(start, start + m), 'int32');
    const repaired = repair(model, batch, { mask, iterations: opts.iterations, condition });
    out.set((await repaired.data()) as Float32Array, start * per);
    tf.dispose([batch, repaired, ...(mask ? [mask] : []), ...(condition ? [condition] : [])]);
  }
  return out;
}

/** PSNR of every classical baseline that applies (fills for missing entries, filters for noise and blur). */
function baselinePsnrs(clean: Float32Array, damaged: Float32Array, known: Float32Array | undefined, region: Float32Array, n: number, shape: number[], filters: boolean) {
  const psnr = (v: Float32Array) => imageMetrics(clean, v, n, region).psnr;
  const baselines: Record<string, number> = { damaged: psnr(damaged) };
  const settings: Record<string, unknown> = {};
  const image = imageShapeOf(shape);
  if (known && !filters) {
    baselines.meanFill = psnr(image ? meanFill(damaged, known, n, image) : damaged.map((v, i) => (known[i] ? v : 0.5)));
    if (image) baselines.diffusionFill = psnr(diffusionFill(damaged, known, n, image));
  }
  if (filters && image) {
    baselines.median = psnr(medianFilter(damaged, n, image));
    const scores = gaussianFilters(damaged, n, image).map(psnr);
    const best = scores.indexOf(Math.max(...scores));
    baselines.gaussian = scores[best];
    settings.gaussian = { sigma: GAUSSIAN_SIGMAS[best], tried: GAUSSIAN_SIGMAS };
  }
  return { baselines, settings };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Runs `hourglass repair`; returns the exit code.
 *
 * @example
 * await repairCommand({ model: 'run/model', data: 'mnist', box: '10,10,8,8', split: 'test', show: 10, seed: 1, batchSize: 256, backend: 'auto', json: true });
 */
export async function repairCommand(opts: RepairCommandOptions): Promise<number> {
  if (!opts.out && !opts.png && !opts.json) throw new UsageError('repair: nothing to write; give --out FILE.(npy|csv), --png FILE.png or --json');
  const format = opts.out ? outputFormat(opts.out, opts.outFormat, ['npy', 'csv']) : undefined;
  if (opts.png && !opts.png.toLowerCase().endsWith('.png')) throw new UsageError(`--png ${opts.png}: expected a file ending in .png`);
  if (opts.json && opts.out === STDOUT) throw new UsageError('--json cannot be combined with --out - (both write to stdout)');
  const opened = await openModelAndData(opts);
  const { model, scaler, metadata, modelFile, column } = opened;
  let summary: Record<string, unknown>;
  try {
    // rows selected from conditioned data take their classes again, from their own labels
    const data = conditionedFor(model, metadata, selectPart(opened.data, opts), opts.data) as ArrayDataset & { condition?: Int32Array };
    const shape = data.sampleShape;
    const expected = model.recipe.inputShape;
    if (shape.length !== expected.length || shape.some((d, i) => d !== expected[i]))
      throw new UsageError(`--data ${opts.data}: samples of shape [${shape.join(', ')}], but the model in ${opts.model} takes [${expected.join(', ')}]`);
    if (!model.decoder)
      throw new UsageError(`--model ${opts.model}: this model only predicts a target (objective 'predict'); repair needs a model that reconstructs its input`);
    const n = data.n;
    const damage = makeDamage(data.x, n, shape, opts);
    const clean = damage.fromClean ? data.x : opts.clean ? readClean(opts, data, scaler) : undefined;
    const repaired = await repairAll(model, damage.damaged, damage.known, data.condition, n, shape, opts);
    assertFiniteOutput(repaired, n, 'repaired data', column, modelFile);
    const region = damage.known && !damage.description.noise && !damage.description.blur ? 'missing entries' : 'whole samples';
    summary = { rows: n, damage: damage.description, region, iterations: damage.known ? (opts.iterations ?? 5) : 1 };
    if (clean) {
      const filters = damage.description.noise !== undefined || damage.description.blur !== undefined || !damage.known;
      const { baselines, settings } = baselinePsnrs(clean, damage.damaged, damage.known, damage.region, n, shape, filters);
      const psnr = imageMetrics(clean, repaired, n, damage.region).psnr;
      summary.psnr = round(psnr);
      summary.baselines = Object.fromEntries(Object.entries(baselines).map(([k, v]) => [k, round(v)]));
      summary.baselineSettings = settings;
      summary.marginDb = round(psnr - Math.max(...Object.values(baselines)));
    }
    if (opts.png) {
      const image = imageShapeOf(shape);
      if (!image) throw new UsageError(`--png ${opts.png}: the data are not images (samples of shape [${shape.join(', ')}]); use --out`);
      const count = Math.min(opts.show, n);
      const per = data.x.length / Math.max(n, 1);
      const first = (a: Float32Array) => a.slice(0, count * per);
      const rows = [...(clean ? [first(clean)] : []), first(damage.damaged), first(repaired)];
      const rowLabels = clean ? ['clean', 'damaged', 'repaired'] : ['damaged', 'repaired'];
      const where = summary.region === 'whole samples' ? 'over whole samples' : 'in the missing entries';
      const measured = summary.psnr === undefined ? '' : `, PSNR ${(summary.psnr as number).toFixed(2)} dB ${where}`;
      const title = `${count} of ${n} samples repaired${measured}`;
      await writeOutput(opts.png, gridPng(rows, count, image, { title, rowLabels }));
      summary.png = opts.png;
      summary.pngRows = rowLabels;
    }
    if (opts.out) {
      const values = scaler ? scaler.inverseArray(repaired) : repaired;
      if (format === 'npy') await writeOutput(opts.out, encodeNpy(values, [n, ...shape]));
      else {
        const width = values.length / Math.max(n, 1);
        const names = opened.raw.columns ?? metadata.columns;
        const header = names?.length === width ? names : Array.from({ length: width }, (_, j) => `c${j}`);
        await writeOutput(opts.out, csvText(header, n, (i) => Array.from(values.subarray(i * width, (i + 1) * width), String)));
      }
      summary.out = opts.out;
    }
  } finally {
    model.dispose();
  }
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else {
    const measured = summary.psnr === undefined ? '' : `; PSNR ${summary.psnr} dB in the ${summary.region} (best baseline ${round((summary.psnr as number) - (summary.marginDb as number))} dB)`;
    process.stderr.write(`repaired ${summary.rows} samples${measured}\n`);
  }
  return 0;
}
