/**
 * Pooling geometry for the gradient kernels. tfjs' maxPool/avgPool gradients
 * do not pass `dimRoundingMode` on, so dy may be one row/column larger than
 * the attrs say ('round'/'ceil' with a numeric pad); the rounding mode that
 * reproduces dy's shape is used, giving the gradient of the forward pool
 * that actually ran.
 */
import { backend_util, util, type AvgPoolAttrs } from '@tensorflow/tfjs-core';
import { WasmBackendError } from '../../errors.js';
import { assertIntegerPad } from './integer-pad.js';

export type PoolInfo = ReturnType<typeof backend_util.computePool2DInfo>;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

/** The pooling attributes the gradients (and the pad check) read; the forward attrs have them too. */
export interface PoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: AvgPoolAttrs['pad'];
  dimRoundingMode?: Rounding;
}

/** The geometry of the forward pool that gave dy; `kernel` names the gradient in errors. */
export function poolGradGeometry(kernel: string, xShape: number[], dyShape: number[], attrs: PoolGradAttrs): PoolInfo {
  assertIntegerPad(kernel, xShape, attrs);
  const shape = xShape as [number, number, number, number];
  const infos = [attrs.dimRoundingMode, 'floor', 'round', 'ceil'].map((mode) =>
    backend_util.computePool2DInfo(shape, attrs.filterSize, attrs.strides, 1, attrs.pad, mode as Rounding),
  );
  const info = infos.find((candidate) => util.arraysEqual(candidate.outShape, dyShape));
  if (info == null) {
    throw new WasmBackendError(`${kernel}: dy has shape [${dyShape}], expected [${infos[0].outShape}] for x [${xShape}].`);
  }
  return info;
}
