/**
 * `hourglass evaluate` on a recommender: the training file is read again
 * and split again from the seed the model saved, so the held-out ratings or
 * users are exactly those the model never saw; the model's figures stand
 * beside those of the baselines fitted on the same training part
 * (recommender-evaluation.ts). A file that is not the training one (another
 * count of interactions, other ids for the model's columns) is refused.
 */
import { DataError } from '@hourglass/data';
import { modelRankingFigures, modelRatingFigures, rankingBaselines, ratingBaselines } from './recommender-evaluation.js';
import { splitForModel } from './recommender-data.js';
import { openRecommender } from './recommender-model.js';
import type { BackendChoice } from '@hourglass/backends';

/** Options of `hourglass evaluate` on a recommender. */
export interface RecommenderEvaluateOptions {
  model: string;
  data: string;
  batchSize: number;
  backend: BackendChoice;
  plugin?: string[];
  json: boolean;
  maxInteractions?: number;
  maxDecompressedBytes?: number;
}

const fmt = (v: number) => v.toFixed(4);

/**
 * Evaluates a recommender on the held-out part of its training file; returns the exit code.
 *
 * @example
 * await evaluateRecommender({ model: 'run/model', data: 'u.data', batchSize: 512, backend: 'auto', json: true });
 */
export async function evaluateRecommender(opts: RecommenderEvaluateOptions): Promise<number> {
  const { model, recommender: rec, all, modelFile } = await openRecommender(opts, 'evaluate');
  let summary: Record<string, unknown>;
  try {
    if (all.count !== rec.interactions)
      throw new DataError(`has ${all.count} interactions as the model reads it, the model was trained on a file of ${rec.interactions}; evaluate redoes the training split, so give the training file`, { file: opts.data });
    const parts = splitForModel(all, rec.kind, rec.rows, rec.split);
    const ids = parts.trainRows.itemIds;
    if (ids.length !== rec.columnIds.length || ids.some((id, j) => id !== rec.columnIds[j]))
      throw new DataError(`its training part has other ${rec.rows === 'users' ? 'items' : 'users'} than the model's ${rec.columnIds.length} columns; give the file the model was trained on`, { file: opts.data });
    if (parts.kind === 'ratings') {
      const figures = await modelRatingFigures(model, parts, rec.ratingRange!, opts.batchSize, modelFile);
      summary = { kind: rec.kind, rows: rec.rows, ...figures, baselines: ratingBaselines(parts, rec.ratingRange!) };
    } else {
      const figures = await modelRankingFigures(model, parts, opts.batchSize, modelFile);
      summary = { kind: rec.kind, rows: rec.rows, ...figures, baselines: rankingBaselines(parts, opts.batchSize) };
    }
  } finally {
    model.dispose();
  }
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else process.stdout.write(report(summary));
  return 0;
}

/** The figures as a small table: the model, then each baseline. */
function report(s: Record<string, unknown>): string {
  const names = s.kind === 'ratings' ? ['rmse', 'mae'] : ['recallAt20', 'recallAt50', 'ndcgAt100'];
  const row = (label: string, f: Record<string, unknown>) =>
    `${label.padEnd(12)}${'skipped' in f ? `skipped: ${String(f.skipped)}` : names.map((n) => fmt(f[n] as number).padStart(12)).join('')}\n`;
  const head = `${''.padEnd(12)}${names.map((n) => n.padStart(12)).join('')}\n`;
  const what = s.kind === 'ratings' ? `${Number(s.ratings).toLocaleString('en-US')} held-out ratings` : `${Number(s.users).toLocaleString('en-US')} held-out users`;
  return `${what}\n${head}${row('model', s)}${Object.entries(s.baselines as Record<string, Record<string, unknown>>).map(([k, v]) => row(k, v)).join('')}`;
}
