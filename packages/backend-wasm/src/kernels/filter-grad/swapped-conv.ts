/**
 * The one step both "swapped" filter-gradient strategies share
 * (x-as-input.ts and dy-as-input.ts): a plain wasm Conv2D whose stride is the
 * original dilation, over operands already laid out as image batch and
 * filter, which it releases, cropped to the filter's spatial size. Only the
 * dilation and the padding differ between the two.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropSpatial, release, runWasm } from '../wasm-ops.js';
import type { FilterGradGeometry } from './geometry.js';

/** Conv2D(images, weights) with the given dilation and [top, bottom, left, right] padding, operands released, cropped to fh x fw. */
export function swappedConv(
  backend: BackendWasm,
  images: TensorInfo,
  weights: TensorInfo,
  g: FilterGradGeometry,
  dilations: [number, number],
  [top, bottom, left, right]: [number, number, number, number],
): TensorInfo {
  const grad = runWasm(
    backend,
    'Conv2D',
    { x: images, filter: weights },
    {
      strides: [g.dilationHeight, g.dilationWidth],
      dilations,
      pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
      dataFormat: 'NHWC',
    },
  );
  release(backend, images, weights);
  return cropSpatial(backend, grad, g.filterHeight, g.filterWidth);
}
