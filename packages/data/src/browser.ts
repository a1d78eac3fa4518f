/**
 * @hourglass/data for browsers and bundlers (the `browser` export condition,
 * or `@hourglass/data/browser`): every parser, transform, split and batch
 * source of the Node entry, with the same names and types, and none of the
 * file readers. Parse functions take decompressed input; gzip data gives a
 * DataError that says how to decompress it (DecompressionStream).
 *
 * @example
 * import { parseCsv, fitScaler } from '@hourglass/data';
 * const table = parseCsv(await (await fetch('/iris.csv')).text(), { label: 'species' });
 * const scaled = fitScaler(table, { kind: 'standard' }).transform(table);
 */
export * from './shared.js';
export { decodeImage } from './formats/image-decode-browser.js';
