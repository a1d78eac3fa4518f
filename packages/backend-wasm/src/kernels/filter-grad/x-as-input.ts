/**
 * Filter gradient as ONE wasm convolution in which x is the input and dy is
 * the filter ("batch and channel axes swapped"):
 *
 *   dW[kh,kw,ci,co] = sum_{n,oh,ow} x[n, oh*sh + kh*dh - pt, ow*sw + kw*dw - pl, ci]
 *                                   * dy[n, oh, ow, co]
 *
 * Read x as an image batch of Ci single images [Ci, H, W, N] whose channels
 * are the original batch, and dy as a filter [Ho, Wo, N, Co]. Then dW is a
 * plain conv2d of the two whose STRIDE is the original dilation and whose
 * DILATION is the original stride, with the original top/left padding; the
 * bottom/right padding is chosen so the output is at least fh x fw. The
 * result [Ci, fh, fw, Co] is cropped if needed and transposed to HWIO.
 *
 * XNNPACK does the multiply-adds; what it costs on top is re-packing dy as
 * conv weights on every call (~10 ns/element), so this strategy suits layers
 * where dy is not much larger than x.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { release, transpose } from '../wasm-ops.js';
import { swappedConv } from './swapped-conv.js';
import type { FilterGradGeometry } from './geometry.js';

/** x: [N,H,W,Ci] and dy: [N,Ho,Wo,Co] in NHWC; returns [fh,fw,Ci,Co]. */
export function filterGradXAsInput(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: FilterGradGeometry,
): TensorInfo {
  const needH = (g.filterHeight - 1) * g.dilationHeight + (g.outHeight - 1) * g.strideHeight + 1;
  const needW = (g.filterWidth - 1) * g.dilationWidth + (g.outWidth - 1) * g.strideWidth + 1;
  const padBottom = Math.max(0, needH - g.inHeight - g.padTop);
  const padRight = Math.max(0, needW - g.inWidth - g.padLeft);

  const images = transpose(backend, x, [3, 1, 2, 0]);
  const weights = transpose(backend, dy, [1, 2, 0, 3]);
  const grad = swappedConv(backend, images, weights, g, [g.strideHeight, g.strideWidth], [g.padTop, padBottom, g.padLeft, padRight]);
  const hwio = transpose(backend, grad, [1, 2, 0, 3]);
  release(backend, grad);
  return hwio;
}
