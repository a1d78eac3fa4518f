/**
 * Step scores of part of the steps of several series, equal to those of a
 * run over all of them. `detect` on a series model writes one row per step,
 * the series one after another; a shard owns a block of those rows, which
 * cuts the series into pieces (steps [from, to) of series k). A step's score
 * is the mean over every window that covers it, so a piece is scored on its
 * steps widened by a window and a horizon on each side (clipped to the
 * series): every window over one of its steps lies inside, and every window
 * inside is one the whole series has, so each step gets the same windows,
 * summed in the same order, as in one run.
 */
import type { Autoencoder } from '@hourglass/core';
import { type ArrayDataset } from '@hourglass/data';
import type { SeriesMetadata } from './series-metadata.js';
import { seriesStepScores } from './series-scores.js';
import { rowsOf } from './shard.js';

/** Steps [from, to) of series `k`; `at` is the row of its first step among all steps of all series. */
export interface SeriesPiece {
  k: number;
  from: number;
  to: number;
  at: number;
}

/**
 * The pieces of the series (of `lengths` steps each, one after another) that rows [from, to) of all their steps cover.
 *
 * @example
 * seriesPieces([5, 5], [3, 7]); // [{ k: 0, from: 3, to: 5, at: 3 }, { k: 1, from: 0, to: 2, at: 5 }]
 */
export function seriesPieces(lengths: number[], [from, to]: [number, number]): SeriesPiece[] {
  const pieces: SeriesPiece[] = [];
  let offset = 0;
  lengths.forEach((n, k) => {
    const a = Math.max(from, offset);
    const b = Math.min(to, offset + n);
    if (a < b) pieces.push({ k, from: a - offset, to: b - offset, at: a });
    offset += n;
  });
  return pieces;
}

/**
 * One score per step of each piece, as `seriesStepScores` gives them for the whole series.
 *
 * @example
 * const [scores] = await pieceStepScores(model, scaled, meta.series, seriesPieces([480], [0, 240]));
 */
export async function pieceStepScores(model: Autoencoder, parts: ArrayDataset[], series: SeriesMetadata, pieces: SeriesPiece[]): Promise<Float32Array[]> {
  if (!pieces.length) return [];
  const margin = series.window + series.horizon;
  const spans = pieces.map(({ k, from, to }) => [Math.max(0, from - margin), Math.min(parts[k].n, to + margin)] as [number, number]);
  // pieces stand alone as series: their windows count steps from the span's start
  const alone = pieces.map(({ k }, j) => rowsOf(standalone(parts[k]), spans[j]));
  const scores = await seriesStepScores(model, alone, series);
  return pieces.map(({ from, to }, j) => scores[j].slice(from - spans[j][0], to - spans[j][0]));
}

/** A series part without its place in a longer series (`offset`, `seriesIndex`). */
function standalone(part: ArrayDataset): ArrayDataset {
  const { offset: _offset, seriesIndex: _index, ...rest } = part as ArrayDataset & { offset?: number; seriesIndex?: number };
  return rest;
}
