/**
 * @hourglass/data: dataset readers, file formats, scaling and splits for
 * Hourglass. Everything is plain typed arrays with shapes; no tfjs needed.
 * This is the Node entry: shared.ts (what works anywhere, also exported by
 * browser.ts) plus the readers of files, folders and built-in datasets.
 */
export * from './shared.js';
export { decodeImage } from './formats/image-decode-node.js';

export { datasetNames, describeDataset, isDatasetName, loadDataset, type DatasetName, type LoadDatasetOptions } from './builtin/load-dataset.js';
export { resolvePackageDir } from './builtin/package-dir.js';
export { bundledSeriesFile, bundledSeriesLabels, bundledSeriesNames, isBundledSeries, type BundledSeriesLabels, type BundledSeriesName } from './builtin/bundled-series.js';

export { readIdx, type IdxOptions } from './formats/idx-read.js';
export { readNpy, type NpyOptions } from './formats/npy-read.js';
export { writeNpy } from './formats/npy-write.js';
export { readCsv, type CsvFileOptions } from './formats/csv-read.js';
export { readImageFiles, readImageFolder, type ImageOptions } from './formats/images.js';
export { readRatings } from './formats/ratings-read.js';
export { readInteractions } from './interactions/read-interactions.js';
export { readSeries } from './series/read-series.js';
export { detectFormat, readData, type DataFormat, type ReadDataOptions } from './read-data.js';

export { idxBatchSource, npyBatchSource, type BinarySourceOptions } from './stream/binary-source.js';
export { csvBatchSource, type CsvSourceOptions } from './stream/csv-source.js';
export { chunkOrder, DEFAULT_CHUNK_BYTES, type ChunkShuffle } from './stream/chunk-order.js';
export type { FileBatchSource } from './stream/file-source.js';
