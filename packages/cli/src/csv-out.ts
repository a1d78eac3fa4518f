/**
 * Writing the CSV files `encode` and `detect` produce: a header, then one
 * line per sample, with text cells (label names, column names) quoted when
 * they hold a delimiter, a quote, a line break or outer spaces.
 */

/** One CSV cell: as it is, or quoted with inner quotes doubled. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV text of `rows` lines under `header` (none when undefined: a shard
 * after the first); `row(i)` gives the cells of line i.
 *
 * @example
 * csvText(['score', 'label'], 2, (i) => [String(scores[i]), names[i]]); // 'score,label\n0.1,normal\n0.9,anomaly\n'
 */
export function csvText(header: string[] | undefined, rows: number, row: (i: number) => string[]): string {
  const lines = header ? [header.map(csvCell).join(',')] : [];
  for (let i = 0; i < rows; i++) lines.push(row(i).map(csvCell).join(','));
  return lines.length ? lines.join('\n') + '\n' : '';
}
