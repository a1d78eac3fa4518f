/**
 * The data of `hourglass train --stream`: a file too large to hold, split,
 * scaled and shuffled as it streams. The test and validation parts are
 * taken by a seeded hash of each row's index in the file (20% test; the
 * validation fraction of the rest), so no pass is needed to cut them and
 * every run cuts the same. One first pass counts the parts and fits the
 * scaling on the training part (`fitScalerStream`, equal to the in-memory
 * fit on the same rows), saved with the model as the in-memory path saves
 * it. Training batches come from the file's chunks in a seeded random order
 * through a shuffle buffer sized under `--max-memory` (stream-plan.ts).
 */
import type { StreamData } from '@hourglass/core';
import { fitScalerStream, hashPart, hashSplitSource, shuffledSource, type ArrayDataset, type Batch, type BatchSource, type HashSplitOptions, type Scaler } from '@hourglass/data';
import { SPLIT_SEED, type DataFlags } from './data.js';
import { scalingKind, type ScalingChoice } from './scaling.js';
import { rowsPerRead, type StreamFlags } from './stream-plan.js';
import { openStreamFile, type StreamFile } from './stream-source.js';

/** The held-out fraction of a streamed file, as the in-memory split of a file. */
const TEST = 0.2;
/** Test rows kept in memory for the run's pictures. */
const PREVIEW = 500;

/** A streamed training set, ready once the shuffle buffer is sized. */
export interface StreamTraining {
  name: string;
  file: StreamFile;
  sampleShape: number[];
  columns?: string[];
  scaler?: Scaler;
  /** Each feature's smallest then largest value on the training part, scaled: what the loss must accept. */
  range: Float32Array;
  /** Rows per part, and how they were cut. */
  split: { train: number; validation?: number; test: number; seed: number; hash: true; fractions: { test: number; validation: number } };
  /** The training part in file order (scaled), for calibrating a threshold. */
  trainInOrder: StreamData;
  validation?: StreamData;
  test: StreamData;
  /** The first test rows, scaled, in memory (for the pictures). */
  preview: ArrayDataset;
  /** The training part shuffled through a buffer of `rows` rows (seeded by `seed`; pass k: seed + k). */
  shuffled(rows: number, seed: number): StreamData;
}

type Part = 'train' | 'validation' | 'test';

/**
 * Opens `file`, counts its parts and fits the scaling in one pass.
 *
 * @example
 * const data = await loadStreamTraining({ data: 'big.npy', scale: 'auto', seed: 0, stream: true }, 0);
 * const train = data.shuffled(50_000, 0);
 */
export async function loadStreamTraining(
  opts: DataFlags & StreamFlags & { data: string; scale: ScalingChoice; seed: number; quiet?: boolean },
  valSplit: number,
): Promise<StreamTraining> {
  const file = await openStreamFile(opts.data, opts, opts.seed);
  const base = file.source;
  const split: HashSplitOptions = { test: TEST, validation: valSplit * (1 - TEST), seed: SPLIT_SEED };
  const size = base.sampleShape.reduce((a, b) => a * b, 1);
  const readRows = rowsPerRead(opts, size, 4096);
  const counts: Record<Part, number> = { train: 0, validation: 0, test: 0 };
  const min = new Float64Array(size).fill(Infinity);
  const max = new Float64Array(size).fill(-Infinity);
  // the first pass: every row's part counted, the training part's range per feature
  const tapped: BatchSource = {
    ...base,
    async *batches(batchSize: number) {
      let index = 0;
      for await (const batch of base.batches(batchSize)) {
        if (batch.first !== undefined) index = batch.first;
        for (let r = 0; r < batch.n; r++, index++) {
          const part = hashPart(index, split);
          counts[part]++;
          if (part === 'train') observe(batch, r);
        }
        yield batch;
      }
    },
  };
  const observe = ({ x, mask }: Batch, r: number) => {
    for (let j = 0, i = r * size; j < size; j++, i++) {
      if (mask && mask[i] === 0) continue;
      if (x[i] < min[j]) min[j] = x[i];
      if (x[i] > max[j]) max[j] = x[i];
    }
  };
  const trainPart = hashSplitSource(tapped, 'train', split);
  const kind = opts.scale === 'none' ? undefined : opts.scale === 'standard' ? 'standard' : 'minmax';
  let scaler = kind ? await fitScalerStream(trainPart, { kind, per: 'feature' }, readRows) : undefined;
  if (!kind) for await (const _ of trainPart.batches(readRows));
  const seen = (v: number, fallback: number) => (Number.isFinite(v) ? v : fallback);
  const rawMin = Float32Array.from(min, (v) => seen(v, 0));
  const rawMax = Float32Array.from(max, (v) => seen(v, 0));
  // auto: none when the training part stays in [0, 1], by the in-memory rule
  if (!scalingKind(opts.scale, rawMin, rawMax)) scaler = undefined;
  const range = new Float32Array(2 * size);
  range.set(scaler ? scaler.transformArray(rawMin) : rawMin);
  range.set(scaler ? scaler.transformArray(rawMax) : rawMax, size);

  const scaled = (part: Part, n: number): StreamData => {
    const source = hashSplitSource(base, part, split);
    return {
      name: source.name,
      n,
      sampleShape: base.sampleShape,
      async *batches(batchSize: number) {
        for await (const b of source.batches(Math.min(batchSize, readRows))) yield scaler ? { ...b, x: scaler.transformArray(b.x, b.mask) } : b;
      },
    };
  };
  const test = scaled('test', counts.test);
  return {
    name: base.name,
    file,
    sampleShape: base.sampleShape,
    ...(base.columns ? { columns: base.columns } : {}),
    ...(scaler ? { scaler } : {}),
    range,
    split: {
      train: counts.train,
      ...(valSplit > 0 ? { validation: counts.validation } : {}),
      test: counts.test,
      seed: SPLIT_SEED,
      hash: true,
      fractions: { test: split.test, validation: split.validation ?? 0 },
    },
    trainInOrder: scaled('train', counts.train),
    ...(valSplit > 0 ? { validation: scaled('validation', counts.validation) } : {}),
    test,
    preview: await firstRows(test, Math.min(PREVIEW, counts.test), `${base.name}/test`),
    shuffled: (rows, seed) => ({ ...shuffledSource({ ...scaled('train', counts.train), name: `${base.name}/train` }, { buffer: rows, seed }), n: counts.train }),
  };
}

/** The first `n` rows of a stream, in memory. */
async function firstRows(source: StreamData, n: number, name: string): Promise<ArrayDataset> {
  const size = source.sampleShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * size);
  let got = 0;
  if (n > 0)
    for await (const batch of source.batches(Math.min(n, 512))) {
      const take = Math.min(batch.n, n - got);
      x.set(batch.x.subarray(0, take * size), got * size);
      got += take;
      if (got === n) break;
    }
  return { name, x, n: got, sampleShape: [...source.sampleShape] };
}
