/**
 * Joining the NPY parts that shards wrote into the file one process would
 * have written: every part holds rows of one array (the same dtype, the
 * same shape after the first axis), so the result is one header for the
 * total rows, written as `encode` writes it, and the parts' data one after
 * another, unchanged.
 */
import { DataError, encodeNpyHeader, parseNpyHeader, type NpyDescr } from '@hourglass/data';
import type { OutputPart } from './merge-csv.js';

const WRITABLE: readonly string[] = ['<f4', '<f8', '<i4', '<u4', '<i2', '<u2', '|i1', '|u1'] satisfies NpyDescr[];

const shapeText = (shape: number[]) => `[${shape.join(', ')}]`;

/**
 * The parts as one NPY file; throws a DataError naming the part that does not fit the first.
 *
 * @example
 * const { bytes, rows } = joinNpyParts([{ file: 'codes-0.npy', bytes: a }, { file: 'codes-1.npy', bytes: b }]);
 */
export function joinNpyParts(parts: OutputPart[]): { bytes: Uint8Array; rows: number } {
  const headers = parts.map(({ file, bytes }) => parseNpyHeader(bytes, file));
  const first = headers[0];
  if (!first.shape.length) throw new DataError('the part holds a single value (shape ()), not rows to join', { file: parts[0].file });
  if (!WRITABLE.includes(first.descr))
    throw new DataError(`dtype '${first.descr}': merge writes ${WRITABLE.join(', ')}, the dtypes hourglass writes`, { file: parts[0].file });
  const trailing = first.shape.slice(1);
  const itemSize = Number(/\d+$/.exec(first.descr)![0]);
  const rowBytes = trailing.reduce((a, b) => a * b, itemSize);
  let rows = 0;
  headers.forEach((h, k) => {
    const { file, bytes } = parts[k];
    if (h.descr !== first.descr) throw new DataError(`dtype '${h.descr}', but ${parts[0].file} holds '${first.descr}'`, { file });
    if (h.shape.length !== first.shape.length || h.shape.slice(1).some((d, j) => d !== trailing[j]))
      throw new DataError(`shape ${shapeText(h.shape)}, but the rows of ${parts[0].file} have shape ${shapeText(trailing)} (${shapeText(first.shape)} in all)`, { file });
    const expected = h.dataOffset + h.shape[0] * rowBytes;
    if (bytes.length !== expected) throw new DataError(`${bytes.length} bytes, but its header ${shapeText(h.shape)} '${h.descr}' needs ${expected}: not a whole shard output`, { file });
    rows += h.shape[0];
  });
  const header = encodeNpyHeader(first.descr as NpyDescr, [rows, ...trailing]);
  const out = new Uint8Array(header.length + rows * rowBytes);
  out.set(header);
  let at = header.length;
  headers.forEach((h, k) => {
    out.set(parts[k].bytes.subarray(h.dataOffset), at);
    at += h.shape[0] * rowBytes;
  });
  return { bytes: out, rows };
}
