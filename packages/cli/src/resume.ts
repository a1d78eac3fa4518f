/**
 * `hourglass train --resume`: what the run directory must hold to be
 * resumed, and how its metrics are brought back in line with its checkpoint
 * (a run killed after logging an epoch but before checkpointing it would
 * otherwise log that epoch twice), and the `--epochs` it was started with
 * (the cosine curve depends on it).
 */
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './exit-codes.js';

/**
 * Throws a usage error unless `out` is a run directory with a checkpoint.
 *
 * @example
 * await checkResumable('runs/mnist'); // throws unless runs/mnist/checkpoint/model.json exists
 */
export async function checkResumable(out: string | undefined): Promise<void> {
  if (out === undefined) throw new UsageError('--resume needs --out <run directory>: the run to continue (a directory with a checkpoint/ folder); without --resume a new run starts');
  const file = join(out, 'checkpoint', 'model.json');
  try {
    await access(file);
  } catch {
    throw new UsageError(`--resume: ${out} has no checkpoint (${file} is missing); pass --out of a run that wrote one, or drop --resume to start a new run`);
  }
}

/**
 * Rewrites a metrics.jsonl file keeping only the lines of epochs before
 * `startEpoch` (a line cut short by a crash is dropped).
 *
 * @example
 * await keepMetricsBefore('runs/mnist/metrics.jsonl', 5); // epochs 0..4 stay
 */
export async function keepMetricsBefore(file: string, startEpoch: number): Promise<void> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // no metrics yet
  }
  const kept = text.split('\n').filter((line) => {
    try {
      const epoch = (JSON.parse(line) as { epoch?: unknown }).epoch;
      return typeof epoch === 'number' && epoch < startEpoch;
    } catch {
      return false;
    }
  });
  await writeFile(file, kept.map((l) => l + '\n').join(''));
}

/**
 * The `--epochs` a run directory's config.json records (written when the
 * run started or was last resumed); undefined when it has none.
 *
 * @example
 * await startedEpochs('runs/mnist'); // 50
 */
export async function startedEpochs(out: string): Promise<number | undefined> {
  try {
    const epochs = (JSON.parse(await readFile(join(out, 'config.json'), 'utf8')) as { train?: { epochs?: unknown } }).train?.epochs;
    return typeof epochs === 'number' ? epochs : undefined;
  } catch {
    return undefined;
  }
}
