/**
 * Turning label cells (text from a CSV column, folder names) into class indices.
 * Whole numbers >= 0 are used as they are; anything else is sorted and numbered,
 * and the sorted names become `labelNames`.
 */
import { DataError, type DataErrorLocation } from '../errors.js';

/**
 * Class indices for a list of label strings.
 *
 * @example
 * encodeLabels(['cat', 'dog', 'cat'], () => ({})); // { labels: Int32Array [0, 1, 0], labelNames: ['cat', 'dog'] }
 */
export function encodeLabels(cells: string[], where: (i: number) => DataErrorLocation): { labels: Int32Array; labelNames?: string[] } {
  const labels = new Int32Array(cells.length);
  const integral = /^\+?\d+(?:\.0*)?$/;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i].trim() === '') throw new DataError('empty label, expected a class name or index', where(i));
  }
  if (cells.every((c) => integral.test(c.trim()) && parseFloat(c) <= 0x7fffffff)) {
    for (let i = 0; i < cells.length; i++) labels[i] = parseFloat(cells[i]);
    return { labels };
  }
  const labelNames = [...new Set(cells.map((c) => c.trim()))].sort();
  const index = new Map(labelNames.map((name, k) => [name, k]));
  for (let i = 0; i < cells.length; i++) labels[i] = index.get(cells[i].trim())!;
  return { labels, labelNames };
}
