/**
 * Filter gradient computed directly by the compiled kernels of
 * `filter-grad.wat`: x and dy stream through once while dW stays in cache.
 * No operand is re-packed, so it wins where the XNNPACK formulations pay
 * for packing a whole activation to multiply it with very few channels
 * (1 input or 1 output channel, as in an image autoencoder's first and
 * last layer). Single-threaded; any stride, dilation and padding.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { compiledModule, heapOffset } from '../compiled-module.js';
import { release } from '../wasm-ops.js';
import { WASM_BASE64 } from './filter-grad-wasm.js';
import type { FilterGradGeometry } from './geometry.js';
import { WasmBackendError } from '../../errors.js';

type Sizes = [n: number, h: number, w: number, ci: number, oh: number, ow: number];
type Window = [fh: number, fw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number];

interface FilterGradExports {
  filterGradByCo(x: number, dy: number, dw: number, scratch: number, ...rest: [...Sizes, number, ...Window]): void;
  filterGradByCi(x: number, dy: number, dw: number, scratch: number, ...rest: [...Sizes, ...Window]): void;
}

/** The compiled kernels for this backend, or null where they cannot run. */
export function filterGradKernels(backend: BackendWasm): FilterGradExports | null {
  return compiledModule<FilterGradExports>(backend, WASM_BASE64);
}

/** x: [N,H,W,Ci] and dy: [N,Ho,Wo,Co] in NHWC; returns [fh,fw,Ci,Co]. Needs {@link filterGradKernels}. */
export function filterGradDirect(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, g: FilterGradGeometry): TensorInfo {
  const kernels = filterGradKernels(backend);
  if (!kernels) throw new WasmBackendError('Conv2DBackpropFilter: the compiled filter-gradient kernels cannot run here');
  const shape = [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels];
  const out = backend.makeOutput(shape, 'float32');
  const scratch = backend.makeOutput(shape, 'float32'); // one image's sums
  const sizes: Sizes = [g.batch, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth];
  const window: Window = [g.filterHeight, g.filterWidth, g.strideHeight, g.strideWidth, g.dilationHeight, g.dilationWidth, g.padTop, g.padLeft];
  const [xp, dyp, outp, sp] = [x, dy, out, scratch].map((t) => heapOffset(backend, t));
  if (g.outChannels === 1) kernels.filterGradByCi(xp, dyp, outp, sp, ...sizes, ...window);
  else kernels.filterGradByCo(xp, dyp, outp, sp, ...sizes, g.outChannels, ...window);
  release(backend, scratch);
  return out;
}
