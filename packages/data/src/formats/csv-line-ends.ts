/**
 * Where CSV lines end. `\n`, `\r\n` and a lone `\r` (old Mac files) each end
 * one line, as in the tokenizer; the sizing of the in-memory reader, the
 * whole-line cuts of the chunked reader and the fast scan use these so that
 * every path counts the same lines.
 *
 * A `\r` that is the last character of a piece of text may be the first half
 * of a `\r\n` cut by a chunk boundary, so it does not end a line until the
 * next character is known.
 */

const LF = 10;
const CR = 13;

/**
 * The number of line ends in a text: with one more, a bound on its records.
 *
 * @example
 * countLineEnds('a\r\nb\rc\nd'); // 3
 */
export function countLineEnds(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) count++;
  return count;
}

/**
 * The index just after the last line end of a piece of text that more text
 * may follow (0 when it has none); a `\r` at its very end does not count yet.
 *
 * @example
 * lastLineEnd('1,2\r3,4\r'); // 4 (the last \r may be half of a \r\n)
 */
export function lastLineEnd(text: string): number {
  const lf = text.lastIndexOf('\n');
  const cr = text.length < 2 ? -1 : text.lastIndexOf('\r', text.length - 2);
  return Math.max(lf, cr) + 1;
}

/**
 * The index just after the first line end at or after `pos` (a `\r\n`
 * counts as one), or `text.length` when there is none.
 *
 * @example
 * nextLineEnd('1,2\r\n3,4', 0); // 5
 */
export function nextLineEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return text.length;
}
