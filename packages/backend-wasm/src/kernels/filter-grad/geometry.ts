/**
 * Geometry of a 2-D filter gradient, reduced to the numbers the two
 * strategies need: NHWC sizes, strides, dilations and the top/left padding
 * (bottom/right padding follows from the sizes, see the strategies).
 */
import { backend_util, type Conv2DBackpropFilterAttrs } from '@tensorflow/tfjs-core';
import { WasmBackendError } from '../../errors.js';

/** Attributes of `Conv2DBackpropFilter`, plus optional dilations (an extension). */
export type FilterGradAttrs = Conv2DBackpropFilterAttrs & {
  dilations?: number | [number, number];
};

export interface FilterGradGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

type Rounding = FilterGradAttrs['dimRoundingMode'];

function convInfo(xShape: number[], attrs: FilterGradAttrs, rounding: Rounding) {
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    rounding,
    false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat ?? 'NHWC'),
  );
}

/**
 * Computes the geometry with tfjs' own conv arithmetic, so 'same', 'valid',
 * explicit numbers and `dimRoundingMode` mean exactly what they mean in
 * `tf.conv2d`. `xShape`/`dyShape` are in the attrs' data format.
 *
 * tfjs' conv2d gradient does not pass `dimRoundingMode` on, so with 'ceil'
 * or 'round' dy can be larger than the attrs say; the rounding mode that
 * reproduces dy's shape is then used, which gives the gradient of the
 * forward conv that actually ran.
 *
 * When no conv of x gives dy's shape, `mismatch` builds the error from the
 * expected dy shape (in the attrs' data format); by default it speaks of
 * the filter gradient's x, dy and filter.
 */
export function filterGradGeometry(
  xShape: number[],
  dyShape: number[],
  attrs: FilterGradAttrs,
  mismatch: (expectedDy: number[]) => Error = (expected) =>
    new WasmBackendError(
      `Conv2DBackpropFilter: dy has shape [${dyShape}], expected [${expected}] ` +
        `for x [${xShape}] and filter [${attrs.filterShape}].`,
    ),
): FilterGradGeometry {
  const modes: Rounding[] = [attrs.dimRoundingMode, 'floor', 'round', 'ceil'];
  const info = modes
    .map((mode) => convInfo(xShape, attrs, mode))
    .find((candidate) => candidate.outShape.join(',') === dyShape.join(','));
  if (info == null) throw mismatch(convInfo(xShape, attrs, attrs.dimRoundingMode).outShape);
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Multiply-adds of the gradient, times two. */
export function filterGradFlops(g: FilterGradGeometry): number {
  return (
    2 * g.batch * g.outHeight * g.outWidth * g.filterHeight * g.filterWidth * g.inChannels * g.outChannels
  );
}
