/**
 * The fast path of CSV conversion. Most numeric tables are lines of plain
 * decimal numbers between single-character delimiters; such lines are read
 * here straight from the text's char codes into the output rows, with no
 * string per cell (the tokenizer's slices, trims and arrays cost 3x more
 * than the numbers themselves).
 *
 * A line that is not plain stops the scan: quotes, spaces, an empty or
 * non-numeric feature cell, a wrong number of fields, a comment or blank
 * line, a value outside float32. The caller then hands that line to the
 * tokenizer, whose rules and error messages stay the reference;
 * every line the scan accepts converts to exactly what the tokenizer and
 * `convertRecord` would give (numbers are correctly rounded to double, then
 * to float32, as `Number()` then a Float32Array store).
 */
import type { CsvPlan } from './csv-plan.js';

/** Where a scan stopped. */
export interface PlainScan {
  /** Index of the first character not consumed: the start of a line. */
  pos: number;
  /** Rows written. */
  rows: number;
  /** True when the line at `pos` is not plain (else the scan ran out of lines or rows). */
  stopped: boolean;
}

/** Exact powers of ten as doubles (10^22 is the largest). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_FLOAT32 = 3.4028234663852886e38;

const slotsCache = new WeakMap<CsvPlan, Int32Array>();

/** For each field, its feature position, or -1. */
function slotsOf(plan: CsvPlan): Int32Array {
  let slots = slotsCache.get(plan);
  if (!slots) {
    slots = new Int32Array(plan.width).fill(-1);
    plan.features.forEach((field, k) => (slots![field] = k));
    slotsCache.set(plan, slots);
  }
  return slots;
}

/** Whether a plan can use the fast path at all (whitespace-run delimiters cannot). */
export function plainLinesApply(plan: CsvPlan): boolean {
  return plan.delimiter !== ' ';
}

/**
 * Converts whole lines of `text` from `pos` (a line start) up to `end` (just
 * after a line end: `\n`, `\r\n` or a lone `\r`) into rows of `x` (and `mask`, set to 1) from row `row`, at
 * most `maxRows`; pushes each line's label cell to `labels` when given.
 */
export function scanPlainLines(
  text: string,
  pos: number,
  end: number,
  plan: CsvPlan,
  x: Float32Array,
  row: number,
  maxRows: number,
  mask?: Float32Array,
  labels?: string[],
): PlainScan {
  const slots = slotsOf(plan);
  const width = plan.width;
  const outWidth = plan.features.length;
  const delim = plan.delimiter.charCodeAt(0);
  const labelField = labels ? (plan.label ?? -1) : -1;
  let rows = 0;
  lines: while (pos < end && rows < maxRows) {
    let i = pos;
    const base = (row + rows) * outWidth;
    let label = '';
    for (let field = 0; ; field++) {
      if (field >= width) return { pos, rows, stopped: true };
      const slot = slots[field];
      const start = i;
      if (slot >= 0) {
        // [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
        let c = text.charCodeAt(i);
        const negative = c === 45;
        if (negative || c === 43) c = text.charCodeAt(++i);
        let mantissa = 0;
        let digits = 0;
        let scale = 0;
        while (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          digits++;
          c = text.charCodeAt(++i);
        }
        if (c === 46) {
          c = text.charCodeAt(++i);
          while (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            scale--;
            c = text.charCodeAt(++i);
          }
        }
        if (digits === 0) return { pos, rows, stopped: true };
        if (c === 101 || c === 69) {
          c = text.charCodeAt(++i);
          const expNegative = c === 45;
          if (expNegative || c === 43) c = text.charCodeAt(++i);
          let exponent = 0;
          let expDigits = 0;
          while (c >= 48 && c <= 57) {
            if (exponent < 100000) exponent = exponent * 10 + (c - 48);
            expDigits++;
            c = text.charCodeAt(++i);
          }
          if (expDigits === 0) return { pos, rows, stopped: true };
          scale += expNegative ? -exponent : exponent;
        }
        let value: number;
        if (digits <= 15 && scale >= -22 && scale <= 22) {
          // both operands exact, so one correctly rounded operation (Clinger's fast path)
          value = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
          if (negative) value = -value;
        } else value = Number(text.slice(start, i));
        if (!(Math.abs(value) < MAX_FLOAT32)) return { pos, rows, stopped: true };
        x[base + slot] = value;
        if (mask) mask[base + slot] = 1;
      } else {
        // a cell that is not a feature: anything but a quote, a space or a line end
        let c = text.charCodeAt(i);
        while (c !== delim && c !== 10 && c !== 13 && c !== 34 && c !== 32 && c !== 9 && i < end) c = text.charCodeAt(++i);
        if (c === 34 || c === 32 || (c === 9 && delim !== 9)) return { pos, rows, stopped: true };
        if (field === labelField) {
          if (i === start) return { pos, rows, stopped: true };
          label = text.slice(start, i);
        }
      }
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      // a line end: \n, \r\n or a lone \r (never cut from its \n: see csv-line-ends.ts)
      if ((c !== 10 && c !== 13) || field !== width - 1) return { pos, rows, stopped: true };
      if (labelField >= 0) labels!.push(label);
      rows++;
      pos = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      continue lines;
    }
  }
  return { pos, rows, stopped: false };
}
