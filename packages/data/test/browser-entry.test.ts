/**
 * The browser entry (src/browser.ts) against the Node entry (src/index.ts):
 * the same names for everything that needs no file system, the same results
 * on sample inputs, and gzip input refused with a DataError that says how to
 * decompress it (DecompressionStream), in both entries alike.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as browser from '../src/browser.js';
import * as node from '../src/index.js';
import { runAll, samples } from './browser-samples.js';
import { encodeIdx, expectDataError } from './helpers.js';

const NODE_ONLY = [
  'datasetNames', 'describeDataset', 'isDatasetName', 'loadDataset', 'resolvePackageDir', 'readIdx', 'readNpy', 'writeNpy',
  'readCsv', 'readImageFiles', 'readImageFolder', 'readRatings', 'readInteractions', 'detectFormat', 'readData',
  'idxBatchSource', 'npyBatchSource', 'csvBatchSource', 'chunkOrder', 'DEFAULT_CHUNK_BYTES', 'readSeries',
  'bundledSeriesFile', 'bundledSeriesLabels', 'bundledSeriesNames', 'isBundledSeries',
];

describe('the browser entry', () => {
  it('exports the Node entry without its file readers, the shared values being the very same', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).filter((k) => !NODE_ONLY.includes(k)).sort());
    for (const [name, value] of Object.entries(browser)) if (name !== 'decodeImage') expect(value, name).toBe(node[name as keyof typeof node]);
  });

  it('gives the same results as the Node entry (CSV, NPY, IDX, ratings, PNG, JPEG, scaler, split, windows, batches)', async () => {
    const input = samples();
    const fromBrowser = await runAll(browser, input);
    expect(fromBrowser).toEqual(await runAll(node, input));
    expect(fromBrowser).toMatchObject({ table: { n: 4, labelNames: ['x', 'y'] }, npy: { shape: [2, 3] }, idx: { shape: [3, 2] }, png: { width: 3, height: 2 } });
  });

  it('refuses gzip input with a DataError that says how to decompress it', () => {
    const how = /gzip-compressed .*DecompressionStream\('gzip'\)/;
    const idx = gzipSync(encodeIdx([1, 2, 3], [3]));
    const npy = gzipSync(node.encodeNpy(new Float32Array([1, 2]), [2]));
    const csvText = new TextDecoder().decode(gzipSync('a,b\n1,2\n'));
    for (const api of [browser, node]) {
      expectDataError(() => api.parseIdx(idx, 'x.idx.gz'), { file: 'x.idx.gz', offset: 0, message: how });
      expectDataError(() => api.parseIdxHeader(idx), { offset: 0, message: how });
      expectDataError(() => api.parseNpy(npy, 'x.npy.gz'), { file: 'x.npy.gz', offset: 0, message: how });
      expectDataError(() => api.parseNpyHeader(npy), { offset: 0, message: how });
      expectDataError(() => api.parseCsv(csvText, {}, 'x.csv.gz'), { file: 'x.csv.gz', row: 1, message: how });
      expectDataError(() => api.parseRatings(csvText), { row: 1, message: how });
    }
  });
});
