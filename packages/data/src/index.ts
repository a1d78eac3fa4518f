/**
 * @hourglass/data: dataset readers, file formats, scaling and splits for
 * Hourglass. Everything is plain typed arrays with shapes; no tfjs needed.
 * This is the Node entry: shared.ts (what works anywhere, also exported by
 * browser.ts) plus the readers of files, folders and built-in datasets.
 */
export * from './shared';
export { decodeImage } from './formats/image-decode-node';

export { datasetNames, describeDataset, isDatasetName, loadDataset, type DatasetName, type LoadDatasetOptions } from './builtin/load-dataset';
export { resolvePackageDir } from './builtin/package-dir';

export { readIdx, type IdxOptions } from './formats/idx-read';
export { readNpy, type NpyOptions } from './formats/npy-read';
export { writeNpy } from './formats/npy-write';
export { readCsv, type CsvFileOptions } from './formats/csv-read';
export { readImageFiles, readImageFolder, type ImageOptions } from './formats/images';
export { readRatings } from './formats/ratings-read';
export { detectFormat, readData, type DataFormat, type ReadDataOptions } from './read-data';

export { idxBatchSource, npyBatchSource, type BinarySourceOptions } from './stream/binary-source';
export { csvBatchSource } from './stream/csv-source';
export type { FileBatchSource } from './stream/file-source';
