/**
 * Pooling refuses a fractional pad. tfjs checks that pad is an integer only
 * when `dimRoundingMode` is given; without one it accepts e.g. `pad: 0.5`,
 * truncates the output size ((H - f + 2 * pad) / stride + 1) and puts the
 * windows between pixels. No backend computes anything meaningful then:
 * TensorFlow has no fractional padding, tfjs' cpu backend reads the input
 * at fractional indices (-Infinity for max, NaN for average), and XNNPACK
 * rounds the pad down, so it writes fewer output rows and columns than tfjs
 * allocates and the rest is whatever the wasm heap held before. The forward
 * kernels and both gradients therefore stop with an error that names the
 * kernel, the shapes and the way out.
 */
import { WasmBackendError } from '../../errors.js';
import type { PoolGradAttrs as PoolPadAttrs } from './geometry.js';

function fractionalPad(pad: PoolPadAttrs['pad']): number | undefined {
  if (typeof pad === 'number') return Number.isInteger(pad) ? undefined : pad;
  if (typeof pad === 'string') return undefined;
  return pad.flat().find((value) => !Number.isInteger(value));
}

/**
 * Throws a `WasmBackendError` when `attrs.pad` is, or contains, a fractional number.
 *
 * @example
 * assertIntegerPad('MaxPool', [1, 5, 5, 1], { filterSize: 2, strides: 2, pad: 0.5 }); // throws
 */
export function assertIntegerPad(kernel: string, xShape: readonly number[], attrs: PoolPadAttrs): void {
  const value = fractionalPad(attrs.pad);
  if (value === undefined) return;
  const rounding = attrs.dimRoundingMode == null ? 'no dimRoundingMode' : `dimRoundingMode '${attrs.dimRoundingMode}'`;
  throw new WasmBackendError(
    `${kernel}: pad ${JSON.stringify(attrs.pad)} is fractional (${value}) for x [${xShape}], ` +
      `filterSize ${JSON.stringify(attrs.filterSize)}, strides ${JSON.stringify(attrs.strides)} and ${rounding}; ` +
      'pooling windows between pixels have no defined value. Pass an integer pad ' +
      "(with dimRoundingMode 'floor', 'round' or 'ceil' to choose how a fractional output size is rounded), 'same' or 'valid'.",
  );
}
