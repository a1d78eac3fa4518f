/** The errors this package throws on purpose are branded Hourglass errors with the code BACKEND. */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { isHourglassError } from '@hourglass/errors';
import { describe, expect, it } from 'vitest';
import { WasmBackendError } from '../src/index.js';
import { conv2DBackpropFilterWasm } from '../src/kernels/Conv2DBackpropFilter.js';
import { conv2DBackpropInputWasm } from '../src/kernels/Conv2DBackpropInput.js';

const info = (dtype: 'int32' | 'float32', shape: number[]): TensorInfo => ({ dataId: {}, shape, dtype });
const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, filterShape: [1, 1, 1, 1], inputShape: [1, 2, 2, 1] } as never;

describe('WasmBackendError', () => {
  it.each([
    ['Conv2DBackpropFilter', () => conv2DBackpropFilterWasm({} as BackendWasm, info('int32', [1, 2, 2, 1]), info('float32', [1, 2, 2, 1]), attrs)],
    ['Conv2DBackpropInput', () => conv2DBackpropInputWasm({} as BackendWasm, info('float32', [1, 2, 2, 1]), info('int32', [1, 1, 1, 1]), attrs)],
  ])('%s rejects int32 input with a branded BACKEND error', (kernel, run) => {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WasmBackendError);
    expect(isHourglassError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'BACKEND', name: 'WasmBackendError', message: expect.stringContaining(`${kernel} (wasm) supports float32 only`) });
  });
});
