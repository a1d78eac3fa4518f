/**
 * Conv2DBackpropFilter on wasm against the cpu backend: through tf.grad of
 * conv2d and conv2dTranspose (the registered kernel, strategy chosen by the
 * cost model), and with each strategy forced, over strides, paddings,
 * rounding modes, channel counts, dilations and NCHW.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupWasm } from '../src/index.js';
import { chooseFilterGradStrategy, type FilterGradStrategy } from '../src/kernels/filter-grad/choose.js';
import { conv2DBackpropFilterWasm } from '../src/kernels/Conv2DBackpropFilter.js';
import { dyAsInputApplies } from '../src/kernels/filter-grad/dy-as-input.js';
import { filterGradGeometry, type FilterGradAttrs } from '../src/kernels/filter-grad/geometry.js';
import { expectSameOnWasmAndCpu, relativeError, seeded } from './helpers/compare.js';
import { ensureGradients } from './helpers/gradients.js';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
type Rounding = 'floor' | 'round' | 'ceil' | undefined;
interface ConvCase {
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  rounding?: Rounding;
}

const CONV_CASES: ConvCase[] = [
  { x: [2, 7, 7, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 8, 8, 3], f: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { x: [1, 9, 10, 2], f: [3, 3, 2, 3], strides: 2, pad: 'valid' },
  { x: [2, 10, 9, 1], f: [5, 5, 1, 8], strides: [2, 3], pad: 'same' },
  { x: [2, 8, 8, 4], f: [2, 2, 4, 2], strides: 2, pad: 'valid' },
  { x: [1, 11, 11, 3], f: [4, 4, 3, 2], strides: 3, pad: 'same' },
  { x: [2, 7, 8, 2], f: [3, 3, 2, 3], strides: 1, pad: 1 },
  { x: [2, 8, 7, 2], f: [3, 3, 2, 3], strides: 2, pad: 2, rounding: 'ceil' },
  { x: [2, 8, 7, 2], f: [3, 3, 2, 3], strides: 2, pad: 1, rounding: 'round' },
  { x: [2, 9, 8, 3], f: [3, 2, 3, 2], strides: 2, pad: [[0, 0], [1, 2], [2, 0], [0, 0]] },
  { x: [2, 6, 6, 2], f: [3, 3, 2, 2], strides: 1, pad: [[0, 0], [4, 4], [3, 3], [0, 0]] },
  { x: [3, 5, 5, 16], f: [3, 3, 16, 1], strides: 1, pad: 'same' },
  { x: [2, 12, 12, 1], f: [3, 3, 1, 16], strides: 1, pad: 'same' },
  { x: [2, 6, 6, 8], f: [1, 1, 8, 4], strides: 2, pad: 'valid' },
  // the direct kernel's leftover channels: Ci % 4 with Co = 1, Co % 4 otherwise
  { x: [2, 7, 7, 6], f: [3, 3, 6, 1], strides: 2, pad: 'same' },
  { x: [2, 7, 7, 1], f: [3, 3, 1, 6], strides: 1, pad: 'valid' },
];

interface TransposeCase {
  x: [number, number, number, number];
  f: [number, number, number, number];
  out: [number, number, number, number];
  strides: number;
  pad: 'same' | 'valid';
}

const TRANSPOSE_CASES: TransposeCase[] = [
  { x: [2, 4, 4, 3], f: [3, 3, 5, 3], out: [2, 8, 8, 5], strides: 2, pad: 'same' },
  { x: [2, 3, 3, 2], f: [4, 4, 1, 2], out: [2, 8, 8, 1], strides: 2, pad: 'valid' },
  { x: [1, 5, 5, 4], f: [3, 3, 2, 4], out: [1, 5, 5, 2], strides: 1, pad: 'same' },
  { x: [2, 3, 4, 2], f: [3, 3, 3, 2], out: [2, 9, 12, 3], strides: 3, pad: 'same' },
  { x: [2, 4, 4, 3], f: [2, 2, 6, 3], out: [2, 8, 8, 6], strides: 2, pad: 'valid' },
];

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const label = (c: object) => JSON.stringify(c);

beforeAll(async () => {
  await ensureGradients();
  await setupWasm();
});

describe('tf.grad of conv2d w.r.t. the filter', () => {
  // tfjs' conv2d gradient drops dimRoundingMode, so cpu's tf.grad is off for
  // those cases; they are checked against cpu's kernel further down.
  it.each(CONV_CASES.filter((c) => c.rounding === undefined).map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const conv = (x: tf.Tensor4D, f: tf.Tensor4D) =>
      tf.conv2d(x, f, c.strides, c.pad as 'same', 'NHWC', 1, c.rounding);
    const outShape = tf.backend_util.computeConv2DInfo(c.x, c.f, c.strides, 1, c.pad, c.rounding).outShape;
    const xv = seeded(size(c.x), 1);
    const fv = seeded(size(c.f), 2);
    const rv = seeded(size(outShape), 3);
    await expectSameOnWasmAndCpu(() => {
      const x = tf.tensor4d(xv, c.x);
      const r = tf.tensor(rv, outShape);
      const loss = (f: tf.Tensor) => tf.sum(tf.mul(conv(x, f as tf.Tensor4D), r));
      return [tf.grad(loss)(tf.tensor4d(fv, c.f)), tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(conv(xx as tf.Tensor4D, tf.tensor4d(fv, c.f)), r)))(x)];
    }, 1e-4, label(c));
  });
});

describe('conv2dTranspose: forward, and tf.grad w.r.t. filter and input', () => {
  it.each(TRANSPOSE_CASES.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const xv = seeded(size(c.x), 4);
    const fv = seeded(size(c.f), 5);
    const rv = seeded(size(c.out), 6);
    await expectSameOnWasmAndCpu(() => {
      const x = tf.tensor4d(xv, c.x);
      const f = tf.tensor4d(fv, c.f);
      const r = tf.tensor(rv, c.out);
      const loss = (xx: tf.Tensor, ff: tf.Tensor) => tf.sum(tf.mul(tf.conv2dTranspose(xx as tf.Tensor4D, ff as tf.Tensor4D, c.out, c.strides, c.pad), r));
      return [tf.conv2dTranspose(x, f, c.out, c.strides, c.pad), ...tf.grads(loss)([x, f])];
    }, 1e-4, label(c));
  });
});

/** dW on wasm with a forced strategy, read back as numbers. */
function wasmFilterGrad(xv: Float32Array, xs: number[], dyv: Float32Array, dys: number[], attrs: FilterGradAttrs, strategy: FilterGradStrategy): Float32Array {
  const backend = tf.backend() as BackendWasm;
  const x = tf.tensor(xv, xs);
  const dy = tf.tensor(dyv, dys);
  const before = backend.numDataIds();
  const out = conv2DBackpropFilterWasm(backend, x, dy, attrs, strategy);
  const values = backend.readSync(out.dataId) as Float32Array;
  expect(out.shape).toEqual(attrs.filterShape);
  backend.disposeData(out.dataId);
  expect(backend.numDataIds(), 'no intermediate left behind').toBe(before);
  tf.dispose([x, dy]);
  return Float32Array.from(values);
}

/** The cpu backend's own Conv2DBackpropFilter kernel (NHWC, no dilation). */
async function cpuFilterGrad(xv: Float32Array, xs: number[], dyv: Float32Array, dys: number[], attrs: FilterGradAttrs): Promise<Float32Array> {
  await tf.setBackend('cpu');
  const x = tf.tensor(xv, xs);
  const dy = tf.tensor(dyv, dys);
  const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs } as unknown as tf.NamedAttrMap) as tf.Tensor;
  const values = Float32Array.from(out.dataSync());
  tf.dispose([x, dy, out]);
  await tf.setBackend('wasm');
  return values;
}

describe('every strategy, forced', () => {
  it.each(CONV_CASES.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const attrs: FilterGradAttrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.rounding, filterShape: c.f };
    const dys = tf.backend_util.computeConv2DInfo(c.x, c.f, c.strides, 1, c.pad, c.rounding).outShape;
    const xv = seeded(size(c.x), 7);
    const dyv = seeded(size(dys), 8);
    const expected = await cpuFilterGrad(xv, c.x, dyv, dys, attrs);
    const strategies = ['x-as-input', 'dy-as-input', 'direct'] as const;
    const g = filterGradGeometry(c.x, dys, attrs);
    for (const s of strategies) {
      if (s === 'dy-as-input' && !dyAsInputApplies(g)) continue;
      const err = relativeError(wasmFilterGrad(xv, c.x, dyv, dys, attrs, s), expected);
      expect(err, `${s}: ${err}`).toBeLessThanOrEqual(1e-4);
    }
  });
});

describe('extensions beyond what tf.grad reaches', () => {
  const dilated = [
    { x: [2, 9, 9, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same', dilations: 2 },
    { x: [2, 10, 9, 2], f: [3, 2, 2, 3], strides: 1, pad: 'valid', dilations: [2, 3] },
    { x: [1, 11, 12, 2], f: [2, 3, 2, 2], strides: 2, pad: [[0, 0], [1, 1], [2, 0], [0, 0]], dilations: [3, 2] },
  ] as const;
  it.each(dilated.map((c) => [label(c), c] as const))('dilations %s', async (_, c) => {
    const [dh, dw] = typeof c.dilations === 'number' ? [c.dilations, c.dilations] : c.dilations;
    const [fh, fw, ci, co] = c.f;
    // Reference: an undilated filter spanning the dilated extent, sampled at the taps.
    const wide: [number, number, number, number] = [(fh - 1) * dh + 1, (fw - 1) * dw + 1, ci, co];
    const x = c.x as unknown as [number, number, number, number];
    const dys = tf.backend_util.computeConv2DInfo(x, wide, c.strides, 1, c.pad as Pad).outShape;
    const xv = seeded(size(x), 9);
    const dyv = seeded(size(dys), 10);
    const base = { strides: c.strides, pad: c.pad as Pad, dataFormat: 'NHWC' as const };
    const wideGrad = await cpuFilterGrad(xv, x, dyv, dys, { ...base, filterShape: wide });
    const expected = new Float32Array(size(c.f as unknown as number[]));
    for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) for (let k = 0; k < ci * co; k++) {
      expected[(i * fw + j) * ci * co + k] = wideGrad[(i * dh * wide[1] + j * dw) * ci * co + k];
    }
    const attrs: FilterGradAttrs = { ...base, filterShape: [...c.f], dilations: c.dilations as number | [number, number] };
    const g = filterGradGeometry(x, dys, attrs);
    for (const s of ['x-as-input', 'dy-as-input', 'direct'] as const) {
      if (s === 'dy-as-input' && !dyAsInputApplies(g)) continue;
      const err = relativeError(wasmFilterGrad(xv, x, dyv, dys, attrs, s), expected);
      expect(err, `${s}: ${err}`).toBeLessThanOrEqual(1e-4);
    }
    // and through the engine, as a registered kernel
    const t = tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor(xv, x), dy: tf.tensor(dyv, dys) }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    expect(relativeError(t.dataSync(), expected)).toBeLessThanOrEqual(1e-4);
  });

  it('recovers the dimRoundingMode that tfjs\' conv2d gradient drops', async () => {
    for (const c of CONV_CASES.filter((k) => k.rounding !== undefined)) {
      const attrs: FilterGradAttrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.rounding, filterShape: c.f };
      const dys = tf.backend_util.computeConv2DInfo(c.x, c.f, c.strides, 1, c.pad, c.rounding).outShape;
      const xv = seeded(size(c.x), 13);
      const dyv = seeded(size(dys), 14);
      const expected = await cpuFilterGrad(xv, c.x, dyv, dys, attrs);
      const grad = tf.tidy(() => {
        const x = tf.tensor4d(xv, c.x);
        const dy = tf.tensor(dyv, dys);
        const loss = (f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, c.strides, c.pad as number, 'NHWC', 1, c.rounding), dy));
        return tf.grad(loss)(tf.zeros(c.f));
      });
      expect(relativeError(grad.dataSync(), expected), label(c)).toBeLessThanOrEqual(1e-4);
      grad.dispose();
    }
  });

  it('NCHW inputs', async () => {
    const nhwc: [number, number, number, number] = [2, 7, 6, 3];
    const f: [number, number, number, number] = [3, 3, 3, 4];
    const dys = tf.backend_util.computeConv2DInfo(nhwc, f, 2, 1, 'same').outShape;
    const xv = seeded(size(nhwc), 11);
    const dyv = seeded(size(dys), 12);
    const expected = await cpuFilterGrad(xv, nhwc, dyv, dys, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: f });
    const toNchw = (v: Float32Array, s: number[]) => tf.tidy(() => tf.transpose(tf.tensor(v, s), [0, 3, 1, 2]).dataSync() as Float32Array);
    const xs = [nhwc[0], nhwc[3], nhwc[1], nhwc[2]];
    const dyShape = [dys[0], dys[3], dys[1], dys[2]];
    const actual = wasmFilterGrad(toNchw(xv, nhwc), xs, toNchw(dyv, dys), dyShape, { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: f }, 'x-as-input');
    expect(relativeError(actual, expected)).toBeLessThanOrEqual(1e-4);
  });

  it('Conv2DBackpropInput: NCHW and rounded shapes, against cpu\'s kernel', async () => {
    const cases = [
      { x: [2, 3, 7, 6], f: [3, 3, 3, 4], strides: 2, pad: 'same', dataFormat: 'NCHW', rounding: undefined },
      { x: [2, 3, 8, 7], f: [3, 2, 3, 2], strides: 1, pad: [[0, 0], [0, 0], [1, 2], [2, 0]], dataFormat: 'NCHW', rounding: undefined },
      { x: [2, 8, 7, 2], f: [3, 3, 2, 3], strides: 2, pad: 2, dataFormat: 'NHWC', rounding: 'ceil' },
      { x: [1, 6, 6, 2], f: [3, 3, 2, 2], strides: 1, pad: [[0, 0], [4, 4], [3, 3], [0, 0]], dataFormat: 'NHWC', rounding: undefined },
    ] as const;
    for (const c of cases) {
      const nchw = c.dataFormat === 'NCHW';
      const xs = c.x as unknown as [number, number, number, number];
      const dyNhwcShape = tf.backend_util.computeConv2DInfo(xs, c.f as unknown as [number, number, number, number], c.strides, 1, c.pad as Pad, c.rounding, false, nchw ? 'channelsFirst' : 'channelsLast').outShape;
      const dyv = seeded(size(dyNhwcShape), 15);
      const fv = seeded(size(c.f as unknown as number[]), 16);
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat, dimRoundingMode: c.rounding, inputShape: c.x } as unknown as tf.NamedAttrMap;
      const run = async (backend: string) => {
        await tf.setBackend(backend);
        const dy = tf.tensor(dyv, dyNhwcShape);
        const f = tf.tensor(fv, [...c.f]);
        const out = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, attrs) as tf.Tensor;
        const v = Float32Array.from(out.dataSync());
        expect(out.shape).toEqual([...c.x]);
        tf.dispose([dy, f, out]);
        return v;
      };
      const expected = await run('cpu');
      const actual = await run('wasm');
      expect(relativeError(actual, expected), label(c)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('rejects a dy whose shape does not fit', () => {
    const backend = tf.backend() as BackendWasm;
    const x = tf.zeros([1, 5, 5, 2]);
    const dy = tf.zeros([1, 4, 5, 3]);
    expect(() => conv2DBackpropFilterWasm(backend, x, dy, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 3] })).toThrow(/expected/);
    tf.dispose([x, dy]);
  });
});

describe('the strategy chooser', () => {
  const geometry = (x: number[], f: [number, number, number, number]) => {
    const attrs: FilterGradAttrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: f };
    return filterGradGeometry(x, [x[0], x[1], x[2], f[3]], attrs);
  };
  it('takes the direct kernel for one-channel layers, only where it runs', () => {
    const first = geometry([256, 28, 28, 1], [3, 3, 1, 16]);
    const last = geometry([256, 28, 28, 16], [3, 3, 16, 1]);
    expect(chooseFilterGradStrategy(first, true)).toBe('direct');
    expect(chooseFilterGradStrategy(last, true)).toBe('direct');
    expect(chooseFilterGradStrategy(first, false)).not.toBe('direct');
    expect(chooseFilterGradStrategy(last, false)).not.toBe('direct');
  });
  it('keeps XNNPACK for layers with many channels on both sides', () => {
    expect(chooseFilterGradStrategy(geometry([256, 14, 14, 16], [3, 3, 16, 8]), true)).not.toBe('direct');
    expect(chooseFilterGradStrategy(geometry([64, 14, 14, 32], [3, 3, 32, 32]), true)).not.toBe('direct');
  });
});
