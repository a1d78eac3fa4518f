/**
 * The CLI's data step: `--data` names a built-in dataset, a file or a
 * folder; built-in image datasets get their standard deterministic split
 * (MNIST: 8,000 train / 2,000 test, seed 0).
 */
import { loadDataset, splitDataset, type ArrayDataset } from '@hourglass/data';

/** Data ready for training. */
export interface TrainingData {
  name: string;
  train: ArrayDataset;
  test?: ArrayDataset;
  split: { train: number; test: number; seed: number };
}

const STANDARD_TEST: Record<string, number> = { mnist: 2000, 'fashion-mnist': 10000 };

/** Loads `spec` and splits it deterministically into train and test parts. */
export async function loadTrainingData(spec: string, splitSeed = 0): Promise<TrainingData> {
  const ds = await loadDataset(spec);
  const test = STANDARD_TEST[spec] ?? Math.max(1, Math.round(ds.n * 0.2));
  const { train, test: testSet } = splitDataset(ds, { test, seed: splitSeed });
  return { name: ds.name, train, test: testSet, split: { train: train.n, test: testSet?.n ?? 0, seed: splitSeed } };
}
