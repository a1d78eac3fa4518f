/**
 * `hourglass train` on a ratings file: the recommender path. The file is
 * read as sparse interactions, split (recommender-data.ts), and the model
 * trains on batches of dense rows filled on the fly, so memory follows the
 * number of interactions, not users x items.
 *
 * The kind follows the model: a multinomial loss (Mult-VAE, Mult-DAE) or
 * `--implicit` reads clicks (every kept interaction a 1; `--min-rating`
 * keeps only the ratings at or above it) and holds out users; any other
 * loss reads ratings, trains on the observed ones only (a mask) and holds
 * out 10% of each user's ratings. The model saves the file's ids of its
 * columns, the split and the rating scale (recommender-metadata.ts), and
 * the run ends with its figures on the held-out part
 * (recommender-evaluation.ts).
 */
import { join } from 'node:path';
import { Autoencoder, ConfigError, saveModel } from '@hourglass/core';
import { interactionBatches } from '@hourglass/data';
import { selectBackend } from '@hourglass/backends';
import { EXIT } from './exit-codes.js';
import type { RecommenderMetadata } from './recommender-metadata.js';
import { DEFAULT_FOLD_IN, DEFAULT_TEST, readRatingsFile, splitForModel, valueRange } from './recommender-data.js';
import { modelRankingFigures, modelRatingFigures } from './recommender-evaluation.js';
import { SPLIT_SEED } from './data.js';
import { checkResumable, startedEpochs } from './resume.js';
import { claimRunDirectory } from './run-directory.js';
import { defaultRunDirectory, resolveVariants, writeConfigFile } from './train-setup.js';
import { fitModel } from './train-fit.js';
import { reportSummary, trainSummary } from './train-summary.js';
import type { TrainCommandOptions } from './commands/train.js';

/**
 * `--weight-decay` of a ratings model when not given. AutoRec overfits the
 * few ratings of each row without an L2 penalty: on a 300 x 120 file with
 * 12% of the ratings observed, item-based AutoRec (500 hidden units, 30
 * epochs) held out 1.07 RMSE at 0.001, 0.85 at 0.005, 0.79 at 0.01, 0.84 at
 * 0.02 and 1.14 at 0.05, where the item mean gets 1.01.
 */
export const RATINGS_WEIGHT_DECAY = 0.01;

/** Flags of `hourglass train` that have no meaning for a recommender, with why. */
const NOT_FOR_RATINGS: Array<[keyof TrainCommandOptions, string, string]> = [
  ['window', '--window', 'cuts time series'],
  ['conditional', '--conditional', 'conditions on labels'],
  ['residual', '--residual', 'repairs images and series'],
  ['contamination', '--contamination', 'calibrates anomaly detection'],
  ['valSplit', '--val-split', 'holds out training samples; a recommender holds out ratings or users (--test)'],
  ['limit', '--limit', 'keeps the first samples of a split'],
];

function checkFlags(opts: TrainCommandOptions): void {
  for (const [key, flag, why] of NOT_FOR_RATINGS) {
    const v = opts[key];
    if (v !== undefined && v !== false) throw new ConfigError(`${flag} ${why}, and ${opts.data} is read as ratings (a recommender); leave it out`, { field: key });
  }
  if (opts.patience > 0) throw new ConfigError(`--patience needs a validation split, and a recommender on ${opts.data} is measured on its held-out ratings or users instead; leave it out`, { field: 'patience' });
  if (opts.scale !== 'auto' && opts.scale !== 'none') throw new ConfigError(`--scale ${opts.scale}: a recommender models ratings in their own scale (predictions come back in stars); leave it out`, { field: 'scale' });
}

/**
 * Runs `hourglass train` on a ratings file; returns the process exit code.
 *
 * @example
 * await trainRecommender({ ...opts, data: 'u.data', variant: 'autorec' });
 */
export async function trainRecommender(flags: TrainCommandOptions): Promise<number> {
  checkFlags(flags);
  if (flags.resume) await checkResumable(flags.out);
  const { variants, composition } = await resolveVariants(flags);
  const loss = composition.architecture.plugin.loss(composition.architecture.config);
  const kind: RecommenderMetadata['kind'] = flags.implicit || loss === 'multinomial' ? 'clicks' : 'ratings';
  const opts = { ...flags, weightDecay: flags.weightDecay ?? (kind === 'ratings' ? RATINGS_WEIGHT_DECAY : 0) };
  const rows = opts.rows ?? (kind === 'ratings' ? 'items' : 'users');
  if (kind === 'clicks' && rows === 'items') throw new ConfigError('--rows items: a clicks model reads users (it ranks items for new users from their clicks); leave it out', { field: 'rows' });
  if (kind === 'ratings' && opts.foldIn !== undefined) throw new ConfigError('--fold-in splits held-out users\' clicks; a ratings model holds out ratings (--test)', { field: 'fold-in' });
  const test = opts.test ?? DEFAULT_TEST;
  if (kind === 'ratings' && !(test > 0 && test < 1)) throw new ConfigError(`--test: a ratings model holds out a fraction of each user's ratings, in (0, 1); got ${test}`, { field: 'test' });
  const split = kind === 'ratings' ? { seed: SPLIT_SEED, test } : { seed: SPLIT_SEED, heldOut: test, foldIn: opts.foldIn ?? DEFAULT_FOLD_IN };

  const all = await readRatingsFile(opts.data, { kind, minRating: opts.minRating, maxInteractions: opts.maxInteractions, maxDecompressedBytes: opts.maxDecompressedBytes });
  const parts = splitForModel(all, kind, rows, split);
  const ratingRange = kind === 'ratings' ? valueRange(parts.train) : undefined;
  if (ratingRange && loss === 'bce' && (ratingRange[0] < 0 || ratingRange[1] > 1))
    throw new ConfigError(`${all.name}: binary cross-entropy needs values in [0, 1], and these ratings run from ${ratingRange[0]} to ${ratingRange[1]}; use --loss mse (as AutoRec does), or --implicit for clicks`, { field: 'loss' });
  const backend = await selectBackend(opts.backend);
  const outDir = opts.out ?? defaultRunDirectory(variants);
  const started = opts.resume ? await startedEpochs(outDir) : undefined;
  await using _run = await claimRunDirectory(outDir);

  const model = Autoencoder.create({ inputShape: [parts.trainRows.items], variants, seed: opts.seed }, { maxParameters: opts.maxParameters, composition });
  const recommender: RecommenderMetadata = {
    kind, rows, columnIds: parts.trainRows.itemIds, split, interactions: all.count,
    ...(ratingRange ? { ratingRange } : {}), ...(opts.minRating !== undefined ? { minRating: opts.minRating } : {}),
  };
  model.metadata = { dataset: all.name, recommender };
  const heldOut = parts.kind === 'ratings' ? `${parts.test.count.toLocaleString('en-US')} held-out ratings` : `${parts.foldIn.users.toLocaleString('en-US')} held-out users`;
  await writeConfigFile(outDir, { data: all.name, split: { ...split, kind, rows, trainRows: parts.trainRows.users, heldOut }, scaling: 'none', backend: backend.name, valSplit: 0 }, model, opts);
  if (!opts.quiet)
    process.stderr.write(
      `hourglass: ${model.variantNames.join(' + ')} on ${all.name} (${kind}: ${all.users.toLocaleString('en-US')} users x ${all.items.toLocaleString('en-US')} items, ${all.count.toLocaleString('en-US')} interactions; ` +
        `${parts.trainRows.users.toLocaleString('en-US')} training ${rows}, ${heldOut}), ${model.parameterCount.toLocaleString('en-US')} parameters, backend ${backend.name}\n`,
    );
  try {
    const source = interactionBatches(parts.trainRows, { seed: opts.seed, mask: kind === 'ratings' });
    const result = await fitModel(model, source, undefined, opts, outDir, started, (epoch) => (source.pass = epoch));
    await saveModel(model, join(outDir, 'model'));
    const modelFile = join(outDir, 'model', 'model.json');
    const figures =
      parts.kind === 'ratings' ? await modelRatingFigures(model, parts, ratingRange!, opts.batchSize, modelFile) : await modelRankingFigures(model, parts, opts.batchSize, modelFile);
    const summary = { ...trainSummary(model, result, { backend: backend.name, validation: null, testLoss: null, outDir }), recommender: { kind, rows, ...figures } };
    await reportSummary(summary, model.loss, opts);
    return result.stopReason === 'aborted' ? EXIT.interrupted : result.stopReason === 'diverged' ? EXIT.failure : EXIT.ok;
  } finally {
    model.dispose();
  }
}
