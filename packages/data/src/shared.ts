/**
 * Everything that works anywhere (no file system, no Node builtins): the part
 * both entry points export. index.ts adds the file readers, browser.ts only
 * its own decodeImage. A test bundles browser.ts for the browser and checks
 * that no Node builtin is reached.
 */
export type { ArrayDataset, Batch, BatchSource } from './types.js';
export { DataError, type DataErrorLocation } from './errors.js';
export { isHourglassError, type Hint, type OptionRef } from '@hourglass/errors';
export { mulberry32, shuffleIndices } from './rng.js';
export { createDataset, sampleSize, selectRows } from './dataset.js';
export { splitDataset, type DatasetSplit, type SplitOptions } from './split.js';
export { splitEntries, type EntrySplitOptions } from './split-entries.js';

export { parseIdx, parseIdxHeader, type IdxArray, type IdxHeader } from './formats/idx.js';
export { parseNpy, type NpyArray } from './formats/npy.js';
export { parseNpyHeader, type NpyHeader } from './formats/npy-header.js';
export { encodeNpy, encodeNpyHeader, type NpyDescr, type NpyWritable } from './formats/npy-encode.js';
export type { NumericArray, NumericDtype } from './formats/numbers.js';
export { parseCsv, type CsvOptions } from './formats/csv.js';
export { CsvTokenizer, type CsvRecord, type CsvTokenizerOptions } from './formats/csv-tokenizer.js';
export type { RgbaImage } from './formats/image-decode.js';
export type { DecompressOptions, PixelOptions } from './formats/limits.js';
export { denseRatings, parseRatings, type RatingsDataset, type RatingsOptions } from './formats/ratings.js';
export { Interactions, type DenseRows, type InteractionsInit } from './interactions/interactions.js';
export { interactionIdsFromJSON, type InteractionIds } from './interactions/ids.js';
export { parseInteractions } from './interactions/parse-interactions.js';
export { alignItems, type AlignedItems } from './interactions/align-items.js';
export { interactionBatches, type InteractionBatches, type InteractionBatchesOptions } from './interactions/batches.js';
export type { InteractionsFormat, InteractionsOptions } from './interactions/rating-lines.js';
export { splitRatings, type RatingSplit, type RatingSplitOptions } from './interactions/split-ratings.js';
export { splitUsers, type UserSplit, type UserSplitOptions } from './interactions/split-users.js';
export { syntheticRatings, type RatingsTruth, type SyntheticRatingsOptions } from './interactions/synthetic-ratings.js';
export { syntheticImplicit, type ImplicitTruth, type SyntheticImplicitOptions } from './interactions/synthetic-implicit.js';
export type { SyntheticSize } from './interactions/synthetic-checks.js';
export { slidingWindows, type WindowedDataset, type WindowOptions } from './formats/windows.js';

export { seriesList } from './series/series-list.js';
export { splitSeries, type SeriesPart, type SeriesRanges, type SeriesSplit, type SeriesSplitOptions, type StepRange } from './series/split-series.js';
export { windowSeries, type SeriesWindowOptions, type SeriesWindows } from './series/window-series.js';
export { fitSeriesScaler } from './series/series-scaler.js';
export { naiveForecast, seasonalNaiveForecast } from './series/forecast-baselines.js';
export { detectSeason, MAX_SEASON_LAG } from './series/detect-season.js';
export { forecastErrors, type ForecastErrors } from './series/forecast-errors.js';
export { stepScores, type StepAggregation } from './series/step-scores.js';
export { flaggedRanges } from './series/flagged-ranges.js';

export { fitScaler, scalerFromJSON, type Scaler, type ScalerJSON, type ScalerOptions } from './transforms/scaler.js';
export { fitScalerStream } from './transforms/stream-scaler.js';
export { binarize } from './transforms/binarize.js';
export { flatten, reshape } from './transforms/reshape.js';
export { oneHot } from './transforms/one-hot.js';

export { arrayBatchSource, collectBatches, type ArraySourceOptions } from './stream/array-source.js';
export { shuffledSource, type ShuffleOptions } from './stream/shuffle-buffer.js';
export { hashPart, hashSplitSource, type HashPart, type HashSplitOptions } from './stream/hash-split.js';
