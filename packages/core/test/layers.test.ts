import { describe, expect, it } from 'vitest';
import { tf, buildLayer, buildStack, createRng, initialize, ShapeError, ConfigError, jacobianFrobenius, layerTypes, type Tensor } from '../src/index.js';
import { expectNoLeak } from './helpers.js';
import { checkGradients, CONV_GEOMETRIES } from './gradient-check.js';

describe('layer gradients match finite differences', () => {
  it.each(['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'softplus', 'linear'])('dense with %s', (activation) => {
    tf.tidy(() => checkGradients({ type: 'dense', units: 5, activation }, [4]));
  });
  it('dense without bias', () => tf.tidy(() => checkGradients({ type: 'dense', units: 3, useBias: false }, [4])));
  it.each(CONV_GEOMETRIES)('conv2d %o', (o) => {
    tf.tidy(() => checkGradients({ type: 'conv2d', filters: 3, kernelSize: 3, activation: 'tanh', ...o }, [6, 6, 2]));
  });
  it.each([
    { strides: 2, padding: 'same' },
    { strides: 1, padding: 'valid' },
    { strides: 2, padding: 'valid' },
  ])('conv2dTranspose %o', (o) => {
    tf.tidy(() => checkGradients({ type: 'conv2dTranspose', filters: 2, kernelSize: 3, activation: 'sigmoid', ...o }, [3, 3, 2]));
  });
  it('maxPool2d', () => tf.tidy(() => checkGradients({ type: 'maxPool2d', poolSize: 2 }, [4, 4, 2])));
  it('upSampling2d', () => tf.tidy(() => checkGradients({ type: 'upSampling2d', size: 2 }, [2, 3, 2])));
  it('crop2d', () => tf.tidy(() => checkGradients({ type: 'crop2d', top: 1, left: 2, right: 1 }, [4, 5, 2])));
  it('flatten and reshape', () => {
    tf.tidy(() => checkGradients({ type: 'flatten' }, [2, 3, 2]));
    tf.tidy(() => checkGradients({ type: 'reshape', shape: [3, 4] }, [12]));
  });
  it.each(['elu', 'softplus', 'leakyRelu'])('activation layer %s', (activation) => {
    tf.tidy(() => checkGradients({ type: 'activation', activation }, [7]));
  });
});

describe('layer building', () => {
  const ctx = { name: 'enc/x', rng: createRng(0) };
  it('lists the built-in types', () => {
    expect(layerTypes()).toEqual(expect.arrayContaining(['dense', 'conv2d', 'conv2dTranspose', 'maxPool2d', 'upSampling2d', 'crop2d', 'flatten', 'reshape', 'dropout', 'activation']));
  });
  it('computes output shapes', () => {
    expect(buildLayer({ type: 'conv2d', filters: 4, strides: 2 }, [28, 28, 1], ctx).outputShape).toEqual([14, 14, 4]);
    expect(buildLayer({ type: 'conv2d', filters: 4, padding: 'valid', kernelSize: 3 }, [28, 28, 1], ctx).outputShape).toEqual([26, 26, 4]);
    expect(buildLayer({ type: 'conv2dTranspose', filters: 2, strides: 2 }, [7, 7, 8], ctx).outputShape).toEqual([14, 14, 2]);
    expect(buildLayer({ type: 'maxPool2d' }, [7, 7, 8], ctx).outputShape).toEqual([4, 4, 8]);
    expect(buildLayer({ type: 'upSampling2d' }, [4, 4, 8], ctx).outputShape).toEqual([8, 8, 8]);
    expect(buildLayer({ type: 'crop2d', top: 2, bottom: 2, left: 2, right: 2 }, [32, 32, 1], ctx).outputShape).toEqual([28, 28, 1]);
  });
  it('names the layer and shapes on a mismatch', () => {
    expect(() => buildLayer({ type: 'dense', units: 3 }, [28, 28, 1], ctx)).toThrow(ShapeError);
    expect(() => buildLayer({ type: 'dense', units: 3 }, [28, 28, 1], ctx)).toThrow(/layer "enc\/x".*\[28, 28, 1\]/);
    expect(() => buildLayer({ type: 'reshape', shape: [5, 5] }, [24], ctx)).toThrow(/cannot reshape \[24\].*\[5, 5\]/);
    expect(() => buildLayer({ type: 'conv2d', filters: 2, kernelSize: 5, padding: 'valid' }, [3, 3, 1], ctx)).toThrow(ShapeError);
  });
  it('rejects bad options by name', () => {
    expect(() => buildLayer({ type: 'dense', units: 0 }, [4], ctx)).toThrow(/units: expected an integer >= 1, got 0/);
    expect(() => buildLayer({ type: 'dense', units: 2, activation: 'swish' }, [4], ctx)).toThrow(ConfigError);
    expect(() => buildLayer({ type: 'dense', units: 2, unitz: 3 }, [4], ctx)).toThrow(/unknown option "unitz"/);
    expect(() => buildLayer({ type: 'lstmm' }, [4], ctx)).toThrow(/unknown type "lstmm"/);
  });
  it('initialises deterministically from the seed', () => {
    const a = buildLayer({ type: 'dense', units: 4 }, [3], { name: 'a', rng: createRng(5) });
    const b = buildLayer({ type: 'dense', units: 4 }, [3], { name: 'a', rng: createRng(5) });
    const c = buildLayer({ type: 'dense', units: 4 }, [3], { name: 'a', rng: createRng(6) });
    expect(a.weights[0].variable.dataSync()).toEqual(b.weights[0].variable.dataSync());
    expect(a.weights[0].variable.dataSync()).not.toEqual(c.weights[0].variable.dataSync());
    const limit = Math.sqrt(6 / 7);
    for (const v of a.weights[0].variable.dataSync()) expect(Math.abs(v)).toBeLessThanOrEqual(limit);
  });
  it.each([
    ['glorotUniform', 2 / (300 + 200), Math.sqrt(6 / 500)],
    ['heUniform', 2 / 300, Math.sqrt(6 / 300)],
    ['glorotNormal', 2 / 500, 2 * Math.sqrt(2 / 500) / 0.87962566103423978],
    ['heNormal', 2 / 300, 2 * Math.sqrt(2 / 300) / 0.87962566103423978],
  ] as const)('%s has mean 0, the right variance and bound, for a seed', (name, variance, bound) => {
    const w = initialize(name, 300 * 200, 300, 200, createRng(11));
    const mean = w.reduce((a, v) => a + v, 0) / w.length;
    const v = w.reduce((a, x) => a + (x - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(3 * Math.sqrt(variance / w.length));
    expect(v / variance).toBeGreaterThan(0.97);
    expect(v / variance).toBeLessThan(1.03);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound * (1 + 1e-6));
    expect(initialize(name, 300 * 200, 300, 200, createRng(11))).toEqual(w);
  });
  it('zeros initialises to zeros', () => {
    expect(Array.from(initialize('zeros', 6, 2, 3, createRng(1)))).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('dropout is active only in training and seeded', () => {
    const d = buildLayer({ type: 'dropout', rate: 0.5 }, [1000], ctx);
    const x = tf.ones([1, 1000]);
    expect(d.apply(x, { training: false })).toBe(x);
    let seed = 1;
    const y1 = d.apply(x, { training: true, nextSeed: () => seed }).dataSync();
    const y2 = d.apply(x, { training: true, nextSeed: () => seed }).dataSync();
    expect(y1).toEqual(y2);
    const zeros = y1.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(400);
    expect(zeros).toBeLessThan(600);
  });
});

describe('jacobianFrobenius (contractive penalty)', () => {
  function bruteForce(stack: ReturnType<typeof buildStack>, x: Tensor): number[] {
    const k = stack.outputShape[0];
    const out: number[] = [];
    for (let b = 0; b < x.shape[0]; b++) {
      const xb = tf.slice(x, [b, 0], [1, -1]);
      let total = 0;
      for (let j = 0; j < k; j++) {
        const g = tf.grad((v: Tensor) => tf.sum(tf.slice(stack.apply(v, { training: false }), [0, j], [1, 1])))(xb);
        total += tf.sum(tf.square(g)).dataSync()[0];
      }
      out.push(total);
    }
    return out;
  }
  it('equals the sum of squared Jacobian entries for a dense encoder', () => {
    tf.tidy(() => {
      const stack = buildStack('enc', [{ type: 'dense', units: 6, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'sigmoid' }], [5], createRng(2));
      const x = tf.randomUniform([3, 5], -1, 1, 'float32', 4);
      const exact = jacobianFrobenius(stack, x).dataSync();
      const brute = bruteForce(stack, x);
      brute.forEach((v, i) => expect(exact[i]).toBeCloseTo(v, 4));
    });
  });
  it('handles conv encoders and is differentiable w.r.t. weights', () => {
    tf.tidy(() => {
      const stack = buildStack('enc', [{ type: 'conv2d', filters: 2, strides: 2, activation: 'elu' }, { type: 'flatten' }, { type: 'dense', units: 2, activation: 'tanh' }], [4, 4, 1], createRng(3));
      const x4 = tf.randomUniform([2, 4, 4, 1], 0, 1, 'float32', 5);
      const exact = jacobianFrobenius(stack, x4).dataSync();
      const flatStack = { ...stack, apply: (v: Tensor, c: { training: boolean }) => stack.apply(tf.reshape(v, [-1, 4, 4, 1]), c), outputShape: stack.outputShape };
      const brute = bruteForce(flatStack as typeof stack, tf.reshape(x4, [2, 16]));
      brute.forEach((v, i) => expect(exact[i]).toBeCloseTo(v, 4));
      const grads = tf.variableGrads(() => tf.mean(jacobianFrobenius(stack, x4)) as tf.Scalar, stack.weights.map((w) => w.variable));
      for (const g of Object.values(grads.grads)) expect(Number.isFinite(tf.sum(tf.abs(g)).dataSync()[0])).toBe(true);
    });
  });
  it('estimates the norm without bias from random probes', () => {
    tf.tidy(() => {
      const stack = buildStack('enc', [{ type: 'dense', units: 8, activation: 'tanh' }], [6], createRng(2));
      const x = tf.randomUniform([64, 6], -1, 1, 'float32', 4);
      const exact = tf.mean(jacobianFrobenius(stack, x)).dataSync()[0];
      const est = tf.mean(jacobianFrobenius(stack, x, { count: 64, seed: 9 })).dataSync()[0];
      expect(Math.abs(est - exact) / exact).toBeLessThan(0.1);
    });
  });
  it('pulls back through max pooling and cropping (odd sizes, overlapping and strided windows)', () => {
    const cases: Array<[number[], { type: string; [option: string]: unknown }]> = [
      [[5, 5, 2], { type: 'maxPool2d' }],
      [[6, 7, 1], { type: 'maxPool2d', poolSize: 3, strides: 2, padding: 'valid' }],
      [[4, 5, 1], { type: 'maxPool2d', poolSize: 2, strides: 1, padding: 'same' }],
      [[5, 4, 1], { type: 'maxPool2d', poolSize: 3, strides: 2, padding: 'same' }],
      [[6, 6, 1], { type: 'crop2d', top: 1, bottom: 2, left: 0, right: 1 }],
    ];
    for (const [shape, pool] of cases)
      tf.tidy(() => {
        const specs = [{ type: 'conv2d', filters: 2, kernelSize: 3, activation: 'tanh' }, pool, { type: 'flatten' }, { type: 'dense', units: 3, activation: 'tanh' }];
        const stack = buildStack('enc', specs, shape, createRng(3));
        const d = shape[0] * shape[1] * shape[2];
        const x = tf.randomUniform([2, ...shape], 0, 1, 'float32', 5);
        const exact = jacobianFrobenius(stack, x).dataSync();
        const flatStack = { ...stack, apply: (v: Tensor, c: { training: boolean }) => stack.apply(tf.reshape(v, [-1, ...shape]), c), outputShape: stack.outputShape };
        const brute = bruteForce(flatStack as typeof stack, tf.reshape(x, [2, d]));
        brute.forEach((v, i) => expect(exact[i]).toBeCloseTo(v, 4));
        const grads = tf.variableGrads(() => tf.mean(jacobianFrobenius(stack, x)) as tf.Scalar, stack.weights.map((w) => w.variable));
        for (const g of Object.values(grads.grads)) {
          const size = tf.sum(tf.abs(g)).dataSync()[0];
          expect(Number.isFinite(size) && size > 0).toBe(true);
        }
      });
  });
  it('names a layer that cannot pull back', () => {
    const stack = buildStack('enc', [{ type: 'conv2dTranspose', filters: 1 }, { type: 'flatten' }], [4, 4, 1], createRng(0));
    expect(() => tf.tidy(() => jacobianFrobenius(stack, tf.zeros([1, 4, 4, 1])))).toThrow(/layer "enc\/conv2dTranspose_0" \(conv2dTranspose\) cannot pull back/);
  });
  it('leaks no tensors', async () => {
    const stack = buildStack('enc', [{ type: 'dense', units: 4, activation: 'relu' }], [5], createRng(1));
    const x = tf.ones([2, 5]);
    await expectNoLeak(() => {
      for (let i = 0; i < 3; i++) tf.tidy(() => jacobianFrobenius(stack, x)).dispose();
    });
  });
});
