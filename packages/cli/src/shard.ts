/**
 * Splitting one command's work over independent processes: `--shard i/n`
 * (0-based i) makes `encode`, `detect` or `forecast` write only the i-th of
 * n contiguous blocks of the rows it would write alone, rows
 * [floor(i*N/n), floor((i+1)*N/n)) of its N rows. In a Kubernetes Indexed
 * Job the index comes from `JOB_COMPLETION_INDEX` when `--shard` is absent,
 * and the count from `--shards N` or `HOURGLASS_SHARDS` (Kubernetes does not
 * expose the Job's completion count, so the manifest passes it). Shards
 * share nothing: each process reads the same model and data and keeps its
 * block. Only shard 0 writes the CSV header, so the parts concatenated in
 * shard order are the one-process file; `hourglass merge` also joins NPY.
 */
import { selectRows, type ArrayDataset } from '@hourglass/data';
import { UsageError } from './exit-codes.js';

/** One share of the work: the `index`-th (from 0) of `count` blocks. */
export interface Shard {
  index: number;
  count: number;
}

/** The flags of a command that can run as a shard (`--shard i/n`, `--shards n`). */
export interface ShardFlags {
  shard?: Shard;
  shards?: number;
}

/** The environment variables a shard can come from. */
export const SHARD_ENV = { index: 'JOB_COMPLETION_INDEX', count: 'HOURGLASS_SHARDS' } as const;

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/**
 * Parses `--shard i/n`.
 *
 * @example
 * parseShard('1/4'); // { index: 1, count: 4 }
 */
export function parseShard(value: string): Shard {
  const m = /^([^/]*)\/([^/]*)$/.exec(value);
  const index = m ? wholeNumber(m[1]) : NaN;
  const count = m ? wholeNumber(m[2]) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count))
    throw new UsageError(`--shard: expected i/n with whole numbers, the 0-based shard index and the shard count (e.g. 0/4 .. 3/4), got "${value}"`);
  if (count < 1) throw new UsageError(`--shard ${value}: the shard count n must be at least 1`);
  if (index >= count) throw new UsageError(`--shard ${value}: the index i counts from 0 and must be below n (0/${count} .. ${count - 1}/${count})`);
  return { index, count };
}

/**
 * The shard a command runs as: `--shard`, else `JOB_COMPLETION_INDEX` with
 * the count from `--shards` or `HOURGLASS_SHARDS`, else none (all rows).
 *
 * @example
 * resolveShard({}, { JOB_COMPLETION_INDEX: '2', HOURGLASS_SHARDS: '4' }); // { index: 2, count: 4 }
 */
export function resolveShard(flags: ShardFlags, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (flags.shard) {
    if (flags.shards !== undefined) throw new UsageError(`--shards ${flags.shards}: --shard ${flags.shard.index}/${flags.shard.count} already gives the count; give one of them`);
    return flags.shard;
  }
  const index = env[SHARD_ENV.index];
  if (index === undefined || index === '') {
    if (flags.shards !== undefined) throw new UsageError(`--shards ${flags.shards}: the shard index comes from ${SHARD_ENV.index} (a Kubernetes Indexed Job), which is not set; use --shard i/n`);
    return undefined;
  }
  const countText = flags.shards !== undefined ? String(flags.shards) : env[SHARD_ENV.count];
  const source = flags.shards !== undefined ? '--shards' : SHARD_ENV.count;
  if (countText === undefined || countText === '')
    throw new UsageError(`${SHARD_ENV.index}=${index} is set (a Kubernetes Indexed Job) but the shard count is not: pass --shards N or set ${SHARD_ENV.count} to the Job's completions (or --shard 0/1 to process every row)`);
  const count = wholeNumber(countText);
  if (!Number.isSafeInteger(count) || count < 1) throw new UsageError(`${source}: expected a whole number >= 1, got "${countText}"`);
  const i = wholeNumber(index);
  if (!Number.isSafeInteger(i) || i >= count)
    throw new UsageError(`${SHARD_ENV.index}: expected a whole number below the shard count ${count} (from ${source}), got "${index}"`);
  return { index: i, count };
}

/**
 * The rows [from, to) of `n` that `shard` owns (all of them without a shard).
 *
 * @example
 * shardRange({ index: 1, count: 3 }, 10); // [3, 6]
 */
export function shardRange(shard: Shard | undefined, n: number): [number, number] {
  if (!shard) return [0, n];
  return [Math.floor((shard.index * n) / shard.count), Math.floor(((shard.index + 1) * n) / shard.count)];
}

/**
 * The rows [from, to) of `ds` (with their labels, mask, targets, window starts and series), or `ds` itself when that is every row.
 *
 * @example
 * const mine = rowsOf(data, shardRange(shard, data.n));
 */
export function rowsOf<T extends ArrayDataset>(ds: T, [from, to]: [number, number]): T {
  if (from === 0 && to === ds.n) return ds;
  return selectRows(ds, Int32Array.from({ length: to - from }, (_, i) => from + i));
}

/**
 * The CSV header a shard writes: the whole header for shard 0 (or no shard), none for the others.
 *
 * @example
 * csvText(shardHeader(shard, ['score']), n, row); // shard 1/2: no header line
 */
export function shardHeader(shard: Shard | undefined, header: string[]): string[] | undefined {
  return !shard || shard.index === 0 ? header : undefined;
}

/**
 * What a summary says about the shard: its place and its rows, or nothing.
 *
 * @example
 * const summary = { ...shardSummary(shard, [0, 50], 100), rows: 50 }; // { shard: { index, count, from: 0, to: 50, of: 100 } }
 */
export function shardSummary(shard: Shard | undefined, [from, to]: [number, number], of: number): { shard?: { index: number; count: number; from: number; to: number; of: number } } {
  return shard ? { shard: { ...shard, from, to, of } } : {};
}

/**
 * Words for a shard in a command's text summary: `shard 1/4 (rows 250-499 of 1000): `, or ''.
 *
 * @example
 * process.stderr.write(`${shardWords(shard, range, n, 'rows')}wrote ...`);
 */
export function shardWords(shard: Shard | undefined, [from, to]: [number, number], of: number, what: string): string {
  if (!shard) return '';
  return `shard ${shard.index}/${shard.count} (${to > from ? `${what} ${from}-${to - 1}` : `no ${what}`} of ${of}): `;
}
