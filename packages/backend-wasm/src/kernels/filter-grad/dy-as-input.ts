/**
 * Filter gradient as ONE wasm convolution in which dy is the input and x is
 * the filter (the mirror image of x-as-input.ts). Substituting the input row
 * i = oh*sh + kh*dh - pt gives
 *
 *   dW[kh,kw,ci,co] = sum_{n,i,j} x[n,i,j,ci] * dyD[n, i - kh*dh + pt, j - kw*dw + pl, co]
 *
 * where dyD is dy with (sh-1, sw-1) zeros inserted after every row/column.
 * With p = fh-1-kh this is a conv2d of dyD read as [Co, Hd, Wd, N] with x
 * read as a filter [H, W, N, Ci], stride = the original dilation, top/left
 * padding (fh-1)*dh - pt, (fw-1)*dw - pl. The output [Co, fh, fw, Ci] is
 * flipped along both spatial axes and transposed to HWIO.
 *
 * Here XNNPACK re-packs x instead of dy, which wins when x is much smaller
 * than dy (few input channels). Strides cost s^2 (the inserted zeros), so the
 * chooser only picks this for stride 1 in practice. Not applicable when the
 * top/left padding exceeds the dilated filter extent minus one.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { release, runWasm, spreadSpatial, transpose } from '../wasm-ops.js';
import { swappedConv } from './swapped-conv.js';
import type { FilterGradGeometry } from './geometry.js';

/** Whether {@link filterGradDyAsInput} can express this geometry. */
export function dyAsInputApplies(g: FilterGradGeometry): boolean {
  return (
    g.padTop <= (g.filterHeight - 1) * g.dilationHeight &&
    g.padLeft <= (g.filterWidth - 1) * g.dilationWidth
  );
}

/** dy [N,Ho,Wo,Co] -> [Co, Ho*sh, Wo*sw, N] with zeros between the samples. */
function dilatedChannelsFirst(backend: BackendWasm, dy: TensorInfo, g: FilterGradGeometry): TensorInfo {
  const cfirst = transpose(backend, dy, [3, 1, 2, 0]);
  const dilated = spreadSpatial(backend, cfirst, g.strideHeight, g.strideWidth);
  release(backend, cfirst);
  return dilated;
}

/** x: [N,H,W,Ci] and dy: [N,Ho,Wo,Co] in NHWC; returns [fh,fw,Ci,Co]. */
export function filterGradDyAsInput(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: FilterGradGeometry,
): TensorInfo {
  if (!dyAsInputApplies(g)) throw new Error('filterGradDyAsInput: padding exceeds the filter extent.');
  const input = dilatedChannelsFirst(backend, dy, g);
  const [, hd, wd] = input.shape;
  const padTop = (g.filterHeight - 1) * g.dilationHeight - g.padTop;
  const padLeft = (g.filterWidth - 1) * g.dilationWidth - g.padLeft;
  const padBottom = Math.max(0, g.inHeight + g.padTop - hd);
  const padRight = Math.max(0, g.inWidth + g.padLeft - wd);

  const weights = transpose(backend, x, [1, 2, 0, 3]);
  const grad = swappedConv(backend, input, weights, g, [1, 1], [padTop, padBottom, padLeft, padRight]);
  const flipped = runWasm(backend, 'Reverse', { x: grad }, { dims: [1, 2] });
  const hwio = transpose(backend, flipped, [1, 2, 3, 0]);
  release(backend, grad, flipped);
  return hwio;
}
