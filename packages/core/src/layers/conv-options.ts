/**
 * The options the convolutional layer types share: `conv2d` and `conv1d`
 * take {@link convOptions}; `conv2dTranspose` and `conv1dTranspose` take
 * {@link transposedConvOptions}, which differ only in their default stride.
 */
import { s } from '../schema.js';
import { ACTIVATIONS } from './activations.js';
import { INITIALIZERS } from './initializers.js';

const filters = s.int({ min: 1 });
const kernelSize = s.int({ min: 1, default: 3 });
const padding = s.enum(['same', 'valid'] as const, { default: 'same' });
const tail = {
  activation: s.enum(ACTIVATIONS, { default: 'linear' }),
  useBias: s.boolean({ default: true }),
  kernelInitializer: s.enum(INITIALIZERS, { default: 'glorotUniform' }),
};

/** Options of a convolution: filters, kernelSize, strides (1), padding, dilation (1), activation, useBias, kernelInitializer. */
export const convOptions = s.object({ filters, kernelSize, strides: s.int({ min: 1, default: 1 }), padding, dilation: s.int({ min: 1, default: 1 }), ...tail });

/**
 * Options of a transposed convolution, strides defaulting to `strides`.
 *
 * @example
 * const options = transposedConvOptions(2); // conv2dTranspose upsamples by 2 unless told otherwise
 */
export function transposedConvOptions(strides: number) {
  return s.object({ filters, kernelSize, strides: s.int({ min: 1, default: strides }), padding, ...tail });
}
