/**
 * `hourglass embed`: a 2-D map of the codes a saved model gives data: the
 * code itself when it has two numbers, else its two principal components
 * (code-map.ts). Writes the coordinates as CSV (with the label of each
 * sample when the data has labels) and a titled scatter PNG with axes and a
 * legend of the classes.
 */
import { encodeAll } from '@hourglass/core';
import { selectRows, type ArrayDataset } from '@hourglass/data';
import { labelTexts } from '../anomaly-labels.js';
import { codeMap } from '../code-map.js';
import { csvText } from '../csv-out.js';
import { UsageError } from '../exit-codes.js';
import { assertFiniteOutput } from '../finite.js';
import { STDOUT, summaryStream, writeOutput } from '../output.js';
import { scatterPng } from '../png.js';
import { openModelAndData, type SavedModelDataFlags } from '../saved-run.js';

/** Options of `hourglass embed` (already parsed from flags). */
export interface EmbedOptions extends SavedModelDataFlags {
  out?: string;
  png?: string;
  method: 'auto' | 'pca';
  /** Map only n samples, spread evenly over the data (its first, and every (N / n)-th after). */
  limit?: number;
  seed: number;
  batchSize: number;
  json: boolean;
}

/**
 * Runs `hourglass embed`; returns the exit code.
 *
 * @example
 * await embedCommand({ model: 'run/model', data: 'mnist', out: 'map.csv', png: 'map.png', method: 'auto', seed: 0, batchSize: 512, backend: 'auto', json: false });
 */
export async function embedCommand(opts: EmbedOptions): Promise<number> {
  if (!opts.out && !opts.png) throw new UsageError('nothing to write: give --out FILE.csv and/or --png FILE.png', ['add ', { option: 'out', value: 'coords.csv' }]);
  if (opts.out && opts.out !== STDOUT && !opts.out.toLowerCase().endsWith('.csv')) throw new UsageError(`--out ${opts.out}: expected a file ending in .csv (or - for stdout)`);
  if (opts.png && !opts.png.toLowerCase().endsWith('.png')) throw new UsageError(`--png ${opts.png}: expected a file ending in .png`);
  const opened = await openModelAndData(opts);
  const { model, modelFile } = opened;
  const first = (ds: ArrayDataset): ArrayDataset => {
    if (opts.limit === undefined || opts.limit >= ds.n) return ds;
    const rows = Int32Array.from({ length: opts.limit }, (_, i) => Math.floor((i * ds.n) / opts.limit!));
    const picked = selectRows(ds, rows);
    // a conditional model's data carries each sample's class, which selectRows does not know
    const condition = (ds as ArrayDataset & { condition?: Int32Array }).condition;
    return condition ? Object.assign(picked, { condition: Int32Array.from(rows, (i) => condition[i]) }) : picked;
  };
  const [raw, data] = [first(opened.raw), first(opened.data)];
  let codes: Float32Array;
  try {
    ({ values: codes } = await encodeAll(model, data, opts.batchSize));
  } finally {
    model.dispose();
  }
  const d = codes.length / Math.max(raw.n, 1);
  assertFiniteOutput(codes, raw.n, 'codes', (j) => `code entry ${j}`, modelFile);
  const map = codeMap(codes, raw.n, d, opts.seed, opts.method);
  const labels = labelTexts(raw);
  if (opts.out) {
    const header = [...(labels ? ['label'] : []), 'x', 'y'];
    const row = (i: number) => [...(labels ? [labels[i]] : []), String(map.points[2 * i]), String(map.points[2 * i + 1])];
    await writeOutput(opts.out, csvText(header, raw.n, row));
  }
  const title = `codes of ${raw.n} samples of ${raw.name}${map.method === 'pca' ? `, first two principal components of ${d}` : ''}`;
  if (opts.png) await writeOutput(opts.png, scatterPng(map.points, raw.labels, { title, xLabel: map.xLabel, yLabel: map.yLabel, classNames: raw.labelNames }));
  const summary = {
    rows: raw.n,
    codeSize: d,
    method: map.method,
    explained: map.explained ?? null,
    totalVariance: map.totalVariance ?? null,
    labelled: Boolean(raw.labels),
    out: opts.out ?? null,
    png: opts.png ?? null,
  };
  if (opts.json) summaryStream(opts.out).write(JSON.stringify(summary) + '\n');
  else process.stderr.write(`mapped ${raw.n} codes of ${d} numbers to 2-D (${map.method === 'pca' ? 'pca' : 'the code itself'}); wrote ${[opts.out === STDOUT ? 'stdout' : opts.out, opts.png].filter(Boolean).join(' and ')}\n`);
  return 0;
}
