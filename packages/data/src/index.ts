/**
 * @hourglass/data: dataset readers, file formats, scaling and splits for
 * Hourglass. Everything is plain typed arrays with shapes; no tfjs needed.
 */
export type { ArrayDataset, Batch, BatchSource } from './types';
export { DataError, type DataErrorLocation } from './errors';
export { createRng, shuffleIndices, type Rng } from './rng';
export { createDataset, sampleSize, selectRows } from './dataset';
export { splitDataset, type DatasetSplit, type SplitOptions } from './split';
export { splitEntries, type EntrySplitOptions } from './split-entries';

export { datasetNames, describeDataset, isDatasetName, loadDataset, type DatasetName, type LoadDatasetOptions } from './builtin/load-dataset';
export { resolvePackageDir } from './builtin/package-dir';

export { parseIdx, parseIdxHeader, readIdx, type IdxArray, type IdxHeader, type IdxOptions } from './formats/idx';
export { parseNpy, readNpy, type NpyArray, type NpyOptions } from './formats/npy';
export { parseNpyHeader, type NpyHeader } from './formats/npy-header';
export { encodeNpy, writeNpy, type NpyWritable } from './formats/npy-write';
export type { NumericArray, NumericDtype } from './formats/numbers';
export { parseCsv, readCsv, type CsvOptions } from './formats/csv';
export { CsvTokenizer, type CsvRecord, type CsvTokenizerOptions } from './formats/csv-tokenizer';
export { decodeImage, type RgbaImage } from './formats/image-decode';
export { readImageFiles, readImageFolder, type ImageOptions } from './formats/images';
export { parseRatings, readRatings, type RatingsDataset, type RatingsOptions } from './formats/ratings';
export { slidingWindows, type WindowedDataset, type WindowOptions } from './formats/windows';
export { detectFormat, readData, type DataFormat, type ReadDataOptions } from './read-data';

export { fitScaler, scalerFromJSON, type Scaler, type ScalerJSON, type ScalerOptions } from './transforms/scaler';
export { binarize } from './transforms/binarize';
export { flatten, reshape } from './transforms/reshape';
export { oneHot } from './transforms/one-hot';

export { arrayBatchSource, collectBatches, type ArraySourceOptions } from './stream/array-source';
export { idxBatchSource, npyBatchSource, type BinarySourceOptions } from './stream/binary-source';
export { csvBatchSource } from './stream/csv-source';
export type { FileBatchSource } from './stream/file-source';
