/**
 * Everything that works anywhere (no file system, no Node builtins): the part
 * both entry points export. index.ts adds the file readers, browser.ts only
 * its own decodeImage. A test bundles browser.ts for the browser and checks
 * that no Node builtin is reached.
 */
export type { ArrayDataset, Batch, BatchSource } from './types';
export { DataError, type DataErrorLocation } from './errors';
export { isHourglassError, type Hint, type OptionRef } from '@hourglass/errors';
export { createRng, shuffleIndices, type Rng } from './rng';
export { createDataset, sampleSize, selectRows } from './dataset';
export { splitDataset, type DatasetSplit, type SplitOptions } from './split';
export { splitEntries, type EntrySplitOptions } from './split-entries';

export { parseIdx, parseIdxHeader, type IdxArray, type IdxHeader } from './formats/idx';
export { parseNpy, type NpyArray } from './formats/npy';
export { parseNpyHeader, type NpyHeader } from './formats/npy-header';
export { encodeNpy, type NpyWritable } from './formats/npy-encode';
export type { NumericArray, NumericDtype } from './formats/numbers';
export { parseCsv, type CsvOptions } from './formats/csv';
export { CsvTokenizer, type CsvRecord, type CsvTokenizerOptions } from './formats/csv-tokenizer';
export type { RgbaImage } from './formats/image-decode';
export type { DecompressOptions, PixelOptions } from './formats/limits';
export { parseRatings, type RatingsDataset, type RatingsOptions } from './formats/ratings';
export { slidingWindows, type WindowedDataset, type WindowOptions } from './formats/windows';

export { fitScaler, scalerFromJSON, type Scaler, type ScalerJSON, type ScalerOptions } from './transforms/scaler';
export { binarize } from './transforms/binarize';
export { flatten, reshape } from './transforms/reshape';
export { oneHot } from './transforms/one-hot';

export { arrayBatchSource, collectBatches, type ArraySourceOptions } from './stream/array-source';
