/**
 * The compiled pooling kernels of `pool-kernels.wat` (see
 * `compiled-module.ts`); where they cannot run, the kernels take their JS
 * loops (`pool/windows.ts`, `pool/rounding-forward.ts`).
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { compiledModule } from '../compiled-module.js';
import type { PoolInfo } from './geometry.js';
import { WASM_BASE64 } from './pool-kernels-wasm.js';

type Geometry = [n: number, h: number, w: number, c: number, oh: number, ow: number, fh: number, fw: number, sh: number, sw: number, pt: number, pl: number];

export interface PoolKernelExports {
  maxPoolGrad(x: number, dy: number, dx: number, ...geometry: Geometry): void;
  avgPoolGrad(dy: number, dx: number, ...geometry: Geometry): void;
  /** Max (`max` = 1) or average pool of x into y. */
  pool(x: number, y: number, max: number, ...geometry: Geometry): void;
}

/** The compiled pooling kernels for this backend, or null where they cannot run. */
export function poolKernels(backend: BackendWasm): PoolKernelExports | null {
  return compiledModule<PoolKernelExports>(backend, WASM_BASE64);
}

/** The geometry arguments every compiled pooling kernel takes. */
export function geometryArgs(info: PoolInfo): Geometry {
  return [
    info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
  ];
}
