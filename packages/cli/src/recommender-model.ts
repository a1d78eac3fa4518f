/**
 * Opening a saved recommender with a ratings file: the model's description
 * is read and checked first (it must be a recommender), then the file is
 * read the way the model was trained (clicks or ratings, the same
 * `--min-rating`), then the backend and the weights.
 */
import { loadModel, type Autoencoder } from '@hourglass/core';
import type { Interactions } from '@hourglass/data';
import { selectBackend, type BackendChoice } from '@hourglass/backends';
import { UsageError } from './exit-codes.js';
import type { RecommenderMetadata } from './recommender-metadata.js';
import { readRatingsFile } from './recommender-data.js';
import { describeSavedModel } from './saved-run.js';

/** A recommender model with the interactions of a ratings file. */
export interface OpenRecommender {
  model: Autoencoder;
  recommender: RecommenderMetadata;
  /** The file's interactions, read as the model was trained (users x items, the file's ids). */
  all: Interactions;
  modelFile: string;
}

/**
 * Opens the recommender model `opts.model` and reads `opts.data` for it; `command` names the command in errors.
 *
 * @example
 * const { model, all } = await openRecommender({ model: 'run/model', data: 'u.data', backend: 'cpu' }, 'recommend');
 * model.dispose();
 */
export async function openRecommender(
  opts: { model: string; data: string; backend: BackendChoice; plugin?: string[]; maxInteractions?: number; maxDecompressedBytes?: number },
  command: string,
): Promise<OpenRecommender> {
  const { metadata, modelFile } = await describeSavedModel(opts);
  const recommender = metadata.recommender;
  if (!recommender) throw new UsageError(`${command} --data ${opts.data}: ${opts.model} is not a recommender (a model trained on a ratings file, e.g. hourglass train --variant autorec --data u.data)`);
  const all = await readRatingsFile(opts.data, { kind: recommender.kind, minRating: recommender.minRating, maxInteractions: opts.maxInteractions, maxDecompressedBytes: opts.maxDecompressedBytes });
  await selectBackend(opts.backend);
  const model = await loadModel(opts.model);
  return { model, recommender, all, modelFile };
}
