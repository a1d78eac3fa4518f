/**
 * How a CSV cell becomes a number: a strict decimal syntax (no hex, no
 * thousands separators, no silent `'' -> 0` as `Number()` would do), a fixed
 * set of missing-value spellings, and infinities always rejected.
 */

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
const INFINITE = /^[+-]?(?:inf|infinity)$/i;

/**
 * The value of a plain decimal cell, or undefined for anything else (then
 * `readCell` says what it is). The fast path of conversion: `Number()`
 * accepts exactly the decimal syntax above, except '' (-> 0), unsigned
 * 0x / 0b / 0o literals and infinities, which are sent to the slow path.
 *
 * @example
 * numberCell('-1.5e3'); // -1500
 * numberCell('0x10');   // undefined
 */
export function numberCell(cell: string): number | undefined {
  if (cell.length === 0) return undefined;
  const v = Number(cell);
  if (!Number.isFinite(v)) return undefined;
  if (cell.length > 2 && cell.charCodeAt(0) === 48 && (cell.charCodeAt(1) | 32) >= 98) return undefined; // 0x, 0b, 0o
  return v;
}

/** What a cell holds. */
export type Cell = { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'infinite' } | { kind: 'text' };

/**
 * Classifies one (already trimmed) cell.
 *
 * @example
 * readCell('1.5e3'); // { kind: 'number', value: 1500 }
 */
export function readCell(cell: string): Cell {
  if (NUMBER.test(cell)) return { kind: 'number', value: parseFloat(cell) };
  if (MISSING.has(cell.toLowerCase())) return { kind: 'missing' };
  if (INFINITE.test(cell)) return { kind: 'infinite' };
  return { kind: 'text' };
}

/** True when a cell is a number or a missing-value spelling (neutral for header detection). */
export function looksNumeric(cell: string): boolean {
  const k = readCell(cell.trim()).kind;
  return k === 'number' || k === 'missing' || k === 'infinite';
}

/** True when a cell is a plain number. */
export function isNumberCell(cell: string): boolean {
  return NUMBER.test(cell.trim());
}

/** A short, safe rendering of a cell for error messages. */
export function showCell(cell: string): string {
  return JSON.stringify(cell.length > 40 ? cell.slice(0, 37) + '...' : cell);
}
