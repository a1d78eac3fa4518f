/**
 * `Conv2DBackpropInput` for the wasm backend: the input gradient of
 * `tf.conv2d` and the forward pass of `tf.conv2dTranspose`. Stock
 * tfjs-backend-wasm 4.22 computes it with a naive scalar loop (about half of
 * a conv autoencoder's training step); this replacement runs it as ONE
 * XNNPACK convolution:
 *
 *   dx = conv2d(dyD, W', stride 1)
 *
 * where dyD is dy with (s-1) zeros inserted after every row/column (nothing
 * to insert for stride 1) and W' is the filter rotated by 180 degrees with
 * its in/out channels swapped ([fh,fw,Co,Ci]). The top/left padding is
 * fh-1-pt (fw-1-pl); rows/columns the forward conv never read come out as
 * zeros. Negative padding (explicit pads wider than the filter) is done by
 * cropping. Strides pay s^2 in multiply-adds on the inserted zeros.
 *
 * dy must have the shape a conv2d of `inputShape` gives. TensorFlow's
 * Conv2DBackpropInput checks this ("Size of out_backprop doesn't match
 * computed") and so does this kernel, naming what the caller of
 * `tf.conv2dTranspose` passed; tfjs' cpu and stock wasm kernels instead
 * read only the top-left window of a larger dy.
 */
import { Conv2DBackpropInput, type Conv2DBackpropInputAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradGeometry } from './filter-grad/geometry.js';
import { markOurs } from './marker.js';
import { release, reshape, runWasm, spreadSpatial, transpose, zeros } from './wasm-ops.js';
import { WasmBackendError } from '../errors.js';

type Mismatch = (expectedDy: number[]) => Error;

const show = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

/**
 * The error for a dy whose shape no conv2d of `inputShape` gives, in the
 * terms of `tf.conv2dTranspose(x, filter, outputShape, strides, pad)`, whose
 * x is dy and whose outputShape is `inputShape`. `expected` is NHWC.
 */
function shapeMismatch(dy: TensorInfo, filter: TensorInfo, attrs: Conv2DBackpropInputAttrs): Mismatch {
  return (expected) => {
    const [n, h, w, c] = expected;
    const dyShape = attrs.dataFormat === 'NCHW' ? [n, c, h, w] : expected;
    return new WasmBackendError(
      `Conv2DBackpropInput (conv2dTranspose): x (dy) has shape [${dy.shape}], but outputShape ` +
        `[${attrs.inputShape}] with filter [${filter.shape}], strides ${show(attrs.strides)} and pad ` +
        `${show(attrs.pad)} needs x of shape [${dyShape}] (the shape a conv2d of outputShape gives). ` +
        'Pass an outputShape that matches x, as TensorFlow requires.',
    );
  };
}

/** dx [N,H,W,Ci] from dy [N,Ho,Wo,Co] and filter [fh,fw,Ci,Co], NHWC. */
function backpropInputNhwc(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: number[],
  attrs: Conv2DBackpropInputAttrs,
  mismatch: Mismatch,
): TensorInfo {
  const g = filterGradGeometry(
    inputShape,
    dy.shape,
    { ...attrs, dataFormat: 'NHWC', filterShape: filter.shape as [number, number, number, number] },
    mismatch,
  );
  if (g.batch * g.outHeight * g.outWidth === 0) return zeros(backend, inputShape);
  const input = spreadSpatial(backend, dy, g.strideHeight, g.strideWidth);
  const [, hd, wd] = input.shape;
  const top = g.filterHeight - 1 - g.padTop;
  const left = g.filterWidth - 1 - g.padLeft;
  const bottom = Math.max(0, g.inHeight + g.padTop - hd);
  const right = Math.max(0, g.inWidth + g.padLeft - wd);

  const flipped = runWasm(backend, 'Reverse', { x: filter }, { dims: [0, 1] });
  const weights = transpose(backend, flipped, [0, 1, 3, 2]);
  const full = runWasm(
    backend,
    'Conv2D',
    { x: input, filter: weights },
    {
      strides: [1, 1],
      dilations: [1, 1],
      pad: [[0, 0], [Math.max(0, top), bottom], [Math.max(0, left), right], [0, 0]],
      dataFormat: 'NHWC',
    },
  );
  release(backend, input, flipped, weights);
  if (full.shape[1] === g.inHeight && full.shape[2] === g.inWidth) return full;
  const dx = runWasm(
    backend,
    'Slice',
    { x: full },
    { begin: [0, Math.max(0, -top), Math.max(0, -left), 0], size: [g.batch, g.inHeight, g.inWidth, g.inChannels] },
  );
  release(backend, full);
  return dx;
}

/** dx for `attrs.inputShape`, in `attrs.dataFormat` (NCHW is transposed through NHWC). */
export function conv2DBackpropInputWasm(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: Conv2DBackpropInputAttrs,
): TensorInfo {
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    throw new WasmBackendError(`Conv2DBackpropInput (wasm) supports float32 only, got ${dy.dtype} and ${filter.dtype}.`);
  }
  const mismatch = shapeMismatch(dy, filter, attrs);
  if (attrs.dataFormat !== 'NCHW') return backpropInputNhwc(backend, dy, filter, attrs.inputShape, attrs, mismatch);
  const [n, c, h, w] = attrs.inputShape;
  const dyNhwc = transpose(backend, dy, [0, 2, 3, 1]);
  const nchwPad = attrs.pad;
  const pad = Array.isArray(nchwPad) ? [nchwPad[0], nchwPad[2], nchwPad[3], nchwPad[1]] : nchwPad;
  let dxNhwc: TensorInfo;
  try {
    const nhwcAttrs = { ...attrs, pad: pad as Conv2DBackpropInputAttrs['pad'], dataFormat: 'NHWC' as const };
    dxNhwc = backpropInputNhwc(backend, dyNhwc, filter, [n, h, w, c], nhwcAttrs, mismatch);
  } finally {
    release(backend, dyNhwc);
  }
  const dx = transpose(backend, dxNhwc, [0, 3, 1, 2]);
  release(backend, dxNhwc);
  return dx;
}

/** Kernel config registered by `registerTrainingKernels()` (replaces the stock one). */
export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: markOurs(({ inputs, backend, attrs }) =>
    conv2DBackpropInputWasm(
      backend as BackendWasm,
      inputs.dy as TensorInfo,
      inputs.filter as TensorInfo,
      attrs as unknown as Conv2DBackpropInputAttrs,
    ),
  ),
};
