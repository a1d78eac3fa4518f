/**
 * Explicit ONNX pads that reproduce TensorFlow's padding, per spatial axis.
 * TensorFlow's 'same' pads a total of max((out - 1) * stride + window - in, 0)
 * with the odd one at the end; ONNX's auto_pad is not relied on. A transposed
 * convolution crops its full output ((in - 1) * stride + k) by those same
 * pads, or grows it with output_padding where the full output is too short
 * (a kernel smaller than its stride).
 */

/**
 * Begin and end pads of a TensorFlow convolution or pooling over `size` entries with a window of `window` (dilated extent).
 *
 * @example
 * tfPads(7, 2, 2, 'same'); // [0, 1]: out 4, one extra entry at the end
 */
export function tfPads(size: number, window: number, stride: number, padding: 'same' | 'valid'): [number, number] {
  if (padding === 'valid') return [0, 0];
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + window - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * Pads and output padding of an ONNX ConvTranspose giving tfjs' transposed convolution of `size` entries.
 *
 * @example
 * transposedPads(4, 3, 2, 'same'); // { pads: [0, 1], outputPadding: 0 }: out 8 of a full 9
 */
export function transposedPads(size: number, k: number, stride: number, padding: 'same' | 'valid'): { pads: [number, number]; outputPadding: number } {
  if (padding === 'valid') return { pads: [0, 0], outputPadding: 0 };
  const full = (size - 1) * stride + k;
  const total = full - size * stride;
  if (total < 0) return { pads: [0, 0], outputPadding: -total };
  return { pads: [Math.floor(total / 2), total - Math.floor(total / 2)], outputPadding: 0 };
}
