/**
 * What a recommender model (trained on a ratings or clicks file) keeps in
 * its metadata, and its validation on the way back in: the file's ids of
 * its input columns (so predictions come back in the file's own ids), how
 * the file was read and split (so `evaluate` redoes the very split), and the
 * rating scale predictions are clipped to.
 *
 * Two kinds: `ratings` (explicit ratings, AutoRec: masked MSE on the
 * observed ratings, predictions in stars) and `clicks` (implicit feedback,
 * Mult-VAE / Mult-DAE: every interaction a 1, items ranked). A row is a user
 * (its items are the columns), or for item-based AutoRec an item (its users
 * are the columns).
 */
import { ModelFileError } from '@hourglass/core';

/** The split `hourglass train` made: ratings held out per user, or users held out (strong generalisation). */
export type RecommenderSplit = { seed: number; test: number } | { seed: number; heldOut: number; foldIn: number };

/** A recommender model's metadata. */
export interface RecommenderMetadata {
  kind: 'ratings' | 'clicks';
  /** What one input row of the model is. */
  rows: 'users' | 'items';
  /** The file's ids of the model's input columns, in order: item ids for user rows, user ids for item rows. */
  columnIds: string[];
  /** Ratings: the lowest and highest training rating; predictions are clipped to them. */
  ratingRange?: [number, number];
  /** Ratings kept when reading (the rest are dropped before ids are assigned). */
  minRating?: number;
  split: RecommenderSplit;
  /** Interactions read from the training file, to recognise it in `evaluate`. */
  interactions: number;
}

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/**
 * Checks the `recommender` field of a model's metadata read from `file`.
 *
 * @example
 * const rec = readRecommenderMetadata(json.metadata.recommender, 'run/model/model.json');
 */
export function readRecommenderMetadata(value: unknown, file: string): RecommenderMetadata {
  const bad = (field: string, expected: string, v: unknown): never => {
    throw new ModelFileError(`"metadata.recommender.${field}" must be ${expected}, found ${show(v)}; retrain the model`, file);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('', 'an object', value);
  const m = value as Record<string, unknown>;
  const kind = m.kind === 'ratings' || m.kind === 'clicks' ? m.kind : bad('kind', '"ratings" or "clicks"', m.kind);
  const rows = m.rows === 'users' || m.rows === 'items' ? m.rows : bad('rows', '"users" or "items"', m.rows);
  if (kind === 'clicks' && rows !== 'users') bad('rows', '"users" for a clicks model', rows);
  const ids = m.columnIds;
  const columnIds = Array.isArray(ids) && ids.length > 0 && ids.every((c) => typeof c === 'string') && new Set(ids).size === ids.length ? (ids as string[]) : bad('columnIds', 'a list of distinct ids', ids);
  const out: RecommenderMetadata = { kind, rows, columnIds, split: readSplit(m.split, bad), interactions: isCount(m.interactions) ? (m.interactions as number) : bad('interactions', 'a count', m.interactions) };
  if (kind === 'ratings') {
    const r = m.ratingRange;
    const ok = Array.isArray(r) && r.length === 2 && r.every((x) => Number.isFinite(x)) && (r[0] as number) <= (r[1] as number);
    out.ratingRange = ok ? [r[0] as number, r[1] as number] : bad('ratingRange', 'two finite numbers [lowest, highest]', r);
  }
  if (m.minRating !== undefined) out.minRating = Number.isFinite(m.minRating) ? (m.minRating as number) : bad('minRating', 'a number', m.minRating);
  return out;
}

function readSplit(v: unknown, bad: (field: string, expected: string, v: unknown) => never): RecommenderSplit {
  if (typeof v !== 'object' || v === null) return bad('split', 'an object', v);
  const s = v as Record<string, unknown>;
  if (!Number.isInteger(s.seed)) bad('split.seed', 'an integer', s.seed);
  if (s.test !== undefined) {
    if (!(typeof s.test === 'number' && s.test > 0 && s.test < 1)) bad('split.test', 'a fraction in (0, 1)', s.test);
    return { seed: s.seed as number, test: s.test as number };
  }
  if (!(typeof s.heldOut === 'number' && s.heldOut > 0)) bad('split.heldOut', 'a count or fraction of users', s.heldOut);
  if (!(typeof s.foldIn === 'number' && s.foldIn > 0 && s.foldIn <= 1)) bad('split.foldIn', 'a fraction in (0, 1]', s.foldIn);
  return { seed: s.seed as number, heldOut: s.heldOut as number, foldIn: s.foldIn as number };
}
