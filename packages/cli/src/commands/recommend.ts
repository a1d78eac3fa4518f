/**
 * `hourglass recommend`: the top items for users of a ratings file from a
 * saved recommender, in the file's own ids, leaving out what each user
 * already has in the file (recommender-ranking.ts). Users are named with
 * `--user` (comma-separated, repeatable) or all taken with `--all-users`.
 * Output: one JSON line `{ user, items: [{ item, score }] }` per user
 * (`--json` on stdout; `--out` .jsonl or .json), a CSV `user,rank,item,score`
 * (`--out` .csv), or readable lines.
 */
import type { BackendChoice } from '@hourglass/backends';
import { csvCell } from '../csv-out.js';
import { UsageError } from '../exit-codes.js';
import { STDOUT, summaryStream, writeOutput } from '../output.js';
import { openRecommender } from '../recommender-model.js';
import { recommendTop, userRows, type UserTop } from '../recommender-ranking.js';

/** Options of `hourglass recommend` (already parsed from flags). */
export interface RecommendOptions {
  model: string;
  data: string;
  /** User ids as the file writes them (each entry may hold several, comma-separated). */
  user: string[];
  allUsers: boolean;
  top: number;
  out?: string;
  json: boolean;
  batchSize: number;
  backend: BackendChoice;
  plugin?: string[];
  maxInteractions?: number;
  maxDecompressedBytes?: number;
}

/**
 * Runs `hourglass recommend`; returns the exit code.
 *
 * @example
 * await recommendCommand({ model: 'run/model', data: 'u.data', user: ['196'], allUsers: false, top: 10, json: true, batchSize: 512, backend: 'auto' });
 */
export async function recommendCommand(opts: RecommendOptions): Promise<number> {
  const ids = opts.user.flatMap((u) => u.split(',')).map((u) => u.trim()).filter(Boolean);
  if (!ids.length && !opts.allUsers) throw new UsageError('recommend: name users with --user (e.g. --user 196,186) or take every user of --data with --all-users');
  if (ids.length && opts.allUsers) throw new UsageError('recommend: --user and --all-users both choose users; give one of them');
  const open = await openRecommender(opts, 'recommend');
  const lines: string[] = [];
  let served = 0;
  const csv = opts.out !== undefined && opts.out !== STDOUT && opts.out.toLowerCase().endsWith('.csv');
  try {
    const users = opts.allUsers ? allServed(open) : userRows(open, ids, opts.data);
    if (csv) lines.push('user,rank,item,score');
    const emit = (t: UserTop) => {
      served++;
      if (csv) t.items.forEach((it, r) => lines.push(`${csvCell(t.user)},${r + 1},${csvCell(it.item)},${it.score}`));
      else if (opts.json || opts.out !== undefined) lines.push(JSON.stringify(t));
      else lines.push(`user ${t.user}: ${t.items.map((it) => `${it.item} (${it.score.toPrecision(4)})`).join(', ')}`);
    };
    await recommendTop(open, users, opts.top, opts.batchSize, emit);
  } finally {
    open.model.dispose();
  }
  const text = lines.length ? lines.join('\n') + '\n' : '';
  if (opts.out !== undefined) {
    await writeOutput(opts.out, text);
    if (opts.out !== STDOUT) summaryStream(opts.out).write(`hourglass: wrote the top ${opts.top} items of ${served} users to ${opts.out}\n`);
  } else process.stdout.write(text);
  return 0;
}

/** Every user of the file the model can serve (an item-row model: those it trained on). */
function allServed(open: Awaited<ReturnType<typeof openRecommender>>): Int32Array {
  const { all, recommender: rec } = open;
  if (rec.rows === 'users') return Int32Array.from({ length: all.users }, (_, u) => u);
  const known = new Set(rec.columnIds);
  const served = all.userIds.flatMap((id, u) => (known.has(id) ? [u] : []));
  if (served.length < all.users)
    process.stderr.write(`hourglass: ${all.users - served.length} users of the file were not among the model's training users and are left out (an item-based model has no column for them)\n`);
  return Int32Array.from(served);
}
