/**
 * Pooling geometry for the gradient kernels. tfjs' maxPool/avgPool gradients
 * do not pass `dimRoundingMode` on, so dy may be one row/column larger than
 * the attrs say ('round'/'ceil' with a numeric pad); the rounding mode that
 * reproduces dy's shape is used, giving the gradient of the forward pool
 * that actually ran.
 */
import { backend_util, util, type AvgPoolAttrs } from '@tensorflow/tfjs-core';

export type PoolInfo = ReturnType<typeof backend_util.computePool2DInfo>;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

export interface PoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: AvgPoolAttrs['pad'];
  dimRoundingMode?: Rounding;
}

export function poolGradGeometry(xShape: number[], dyShape: number[], attrs: PoolGradAttrs): PoolInfo {
  const shape = xShape as [number, number, number, number];
  const infos = [attrs.dimRoundingMode, 'floor', 'round', 'ceil'].map((mode) =>
    backend_util.computePool2DInfo(shape, attrs.filterSize, attrs.strides, 1, attrs.pad, mode as Rounding),
  );
  const info = infos.find((candidate) => util.arraysEqual(candidate.outShape, dyShape));
  if (info == null) {
    throw new Error(`pool gradient: dy has shape [${dyShape}], expected [${infos[0].outShape}] for x [${xShape}].`);
  }
  return info;
}
