import type { BatchSource } from '../types.js';

/**
 * A BatchSource that streams a file; `n` is known up front for binary formats.
 *
 * @example
 * const source: FileBatchSource = await npyBatchSource('big.npy');
 * console.log(source.file, source.n);
 */
export interface FileBatchSource extends BatchSource {
  /** The file being streamed. */
  file: string;
  /** The number of samples, when the header says (IDX, NPY). */
  n?: number;
}
