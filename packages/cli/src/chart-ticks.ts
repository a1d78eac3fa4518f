/**
 * Axis ticks shared by the PNG charts (line charts, scatter plots): round
 * values (1, 2 or 5 times a power of ten) about five to an axis, printed
 * with at most four significant digits.
 */

/**
 * A round step near `span / 5` (1, 2 or 5 times a power of ten).
 *
 * @example
 * niceStep(7); // 1
 */
export function niceStep(span: number): number {
  const raw = span / 5 || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/**
 * The round values between `min` and `max`, both included.
 *
 * @example
 * ticks(0, 1); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function ticks(min: number, max: number): number[] {
  const step = niceStep(max - min);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/**
 * The label of a tick value, without float noise.
 *
 * @example
 * tickText(0.30000000000000004); // '0.3'
 */
export const tickText = (v: number): string => String(Number(v.toPrecision(4)));
