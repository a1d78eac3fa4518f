/**
 * The sequence layers: recurrent (lstm, gru; last state or sequences,
 * bidirectional), conv1d, conv1dTranspose, repeatVector, timeDense, crop1d.
 * Gradients against finite differences, forward values against a plain
 * per-step reference written here, shapes, weights and leaks.
 */
import { describe, expect, it } from 'vitest';
import { tf, buildLayer, buildStack, createRng, initialize, jacobianFrobenius, type Layer, type Tensor } from '../src/index.js';
import { checkGradients, CONV_GEOMETRIES } from './gradient-check.js';
import { expectNoLeak } from './helpers.js';

const ctx = { name: 'seq/x', rng: createRng(0) };

describe('sequence layer gradients match finite differences', () => {
  it.each([
    { returnSequences: false },
    { returnSequences: true },
    { bidirectional: true },
    { bidirectional: true, returnSequences: true },
    { returnSequences: true, activation: 'elu', recurrentActivation: 'sigmoid', unitForgetBias: false },
  ])('lstm %o', (o) => {
    tf.tidy(() => checkGradients({ type: 'lstm', units: 3, ...o }, [4, 2]));
  });
  it.each([
    { returnSequences: false },
    { returnSequences: true },
    { bidirectional: true },
    { bidirectional: true, returnSequences: true, activation: 'softplus' },
  ])('gru %o', (o) => {
    tf.tidy(() => checkGradients({ type: 'gru', units: 3, ...o }, [4, 2]));
  });
  it('one step', () => {
    tf.tidy(() => checkGradients({ type: 'lstm', units: 2 }, [1, 3]));
    tf.tidy(() => checkGradients({ type: 'gru', units: 2, returnSequences: true }, [1, 3]));
  });
  it.each(CONV_GEOMETRIES)('conv1d %o', (o) => {
    tf.tidy(() => checkGradients({ type: 'conv1d', filters: 3, kernelSize: 3, activation: 'tanh', ...o }, [7, 2]));
  });
  it.each([
    { strides: 2, padding: 'same' },
    { strides: 1, padding: 'valid' },
    { strides: 2, padding: 'valid' },
    { strides: 1, padding: 'same', useBias: false },
  ])('conv1dTranspose %o', (o) => {
    tf.tidy(() => checkGradients({ type: 'conv1dTranspose', filters: 2, kernelSize: 3, activation: 'sigmoid', ...o }, [4, 3]));
  });
  it('repeatVector, timeDense, crop1d', () => {
    tf.tidy(() => checkGradients({ type: 'repeatVector', n: 3 }, [4]));
    tf.tidy(() => checkGradients({ type: 'timeDense', units: 3, activation: 'tanh' }, [4, 5]));
    tf.tidy(() => checkGradients({ type: 'crop1d', start: 1, end: 2 }, [6, 2]));
  });
});

/** Per-step reference LSTM (gates i, f, c, o) from the layer's own weights, with plain tf ops. */
function referenceLstm(x: Tensor, [w, u, b]: Tensor[], units: number, reverse = false): Tensor[] {
  const steps = x.shape[1] as number;
  let h = tf.zeros([x.shape[0], units]);
  let c = tf.zeros([x.shape[0], units]);
  const hs: Tensor[] = new Array(steps);
  for (let k = 0; k < steps; k++) {
    const t = reverse ? steps - 1 - k : k;
    const xt = tf.squeeze(tf.slice(x, [0, t, 0], [-1, 1, -1]), [1]);
    const z = tf.add(tf.add(tf.matMul(xt, w), tf.matMul(h, u)), b);
    const [i, f, g, o] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    hs[t] = h;
  }
  return hs;
}

/** Per-step reference GRU, reset-after (gates z, r, h; bias rows input and recurrent). */
function referenceGru(x: Tensor, [w, u, b]: Tensor[], units: number): Tensor[] {
  const steps = x.shape[1] as number;
  let h = tf.zeros([x.shape[0], units]);
  const [bIn, bRec] = tf.unstack(b);
  const hs: Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    const xt = tf.squeeze(tf.slice(x, [0, t, 0], [-1, 1, -1]), [1]);
    const [xz, xr, xh] = tf.split(tf.add(tf.matMul(xt, w), bIn), 3, 1);
    const [uz, ur, uh] = tf.split(tf.add(tf.matMul(h, u), bRec), 3, 1);
    const z = tf.sigmoid(tf.add(xz, uz));
    const r = tf.sigmoid(tf.add(xr, ur));
    const n = tf.tanh(tf.add(xh, tf.mul(r, uh)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n));
    hs.push(h);
  }
  return hs;
}

const vars = (l: Layer, from = 0) => l.weights.slice(from, from + 3).map((w) => w.variable as Tensor);
const close = (a: Tensor, b: Tensor) => expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
// random biases, so that every bias enters the comparison
function randomise(l: Layer, seed: number) {
  const rng = createRng(seed);
  for (const w of l.weights) w.variable.assign(tf.tensor(Float32Array.from({ length: w.variable.size }, () => rng.next() - 0.5), w.variable.shape));
}

describe('recurrent layers compute what a per-step reference computes', () => {
  const x = () => tf.randomUniform([3, 5, 2], -1, 1, 'float32', 8);
  it('lstm: last state, sequences and bidirectional', () => {
    tf.tidy(() => {
      const last = buildLayer({ type: 'lstm', units: 4 }, [5, 2], ctx);
      randomise(last, 1);
      const ref = referenceLstm(x(), vars(last), 4);
      close(last.apply(x(), { training: false }), ref[4]);
      const seq = buildLayer({ type: 'lstm', units: 4, returnSequences: true, bidirectional: true }, [5, 2], ctx);
      randomise(seq, 2);
      const fwd = referenceLstm(x(), vars(seq, 0), 4);
      const bwd = referenceLstm(x(), vars(seq, 3), 4, true);
      close(seq.apply(x(), { training: false }), tf.stack(fwd.map((h, t) => tf.concat([h, bwd[t]], 1)), 1));
      const both = buildLayer({ type: 'lstm', units: 4, bidirectional: true }, [5, 2], ctx);
      randomise(both, 3);
      close(both.apply(x(), { training: false }), tf.concat([referenceLstm(x(), vars(both, 0), 4)[4], referenceLstm(x(), vars(both, 3), 4, true)[0]], 1));
    });
  });
  it('gru (reset-after)', () => {
    tf.tidy(() => {
      const seq = buildLayer({ type: 'gru', units: 4, returnSequences: true }, [5, 2], ctx);
      randomise(seq, 4);
      close(seq.apply(x(), { training: false }), tf.stack(referenceGru(x(), vars(seq), 4), 1));
    });
  });
});

describe('sequence layer building', () => {
  it('computes output shapes', () => {
    const shape = (spec: Record<string, unknown>, input: number[]) => buildLayer({ type: 'x', ...spec } as never, input, ctx).outputShape;
    expect(shape({ type: 'lstm', units: 8 }, [48, 1])).toEqual([8]);
    expect(shape({ type: 'lstm', units: 8, returnSequences: true }, [48, 1])).toEqual([48, 8]);
    expect(shape({ type: 'lstm', units: 8, bidirectional: true }, [48, 1])).toEqual([16]);
    expect(shape({ type: 'gru', units: 8, bidirectional: true, returnSequences: true }, [48, 3])).toEqual([48, 16]);
    expect(shape({ type: 'conv1d', filters: 32, kernelSize: 7, strides: 2 }, [288, 1])).toEqual([144, 32]);
    expect(shape({ type: 'conv1d', filters: 4, kernelSize: 3, padding: 'valid', dilation: 2 }, [10, 1])).toEqual([6, 4]);
    expect(shape({ type: 'conv1dTranspose', filters: 16, kernelSize: 7, strides: 2 }, [72, 16])).toEqual([144, 16]);
    expect(shape({ type: 'conv1dTranspose', filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }, [5, 4])).toEqual([11, 2]);
    expect(shape({ type: 'repeatVector', n: 48 }, [64])).toEqual([48, 64]);
    expect(shape({ type: 'timeDense', units: 1 }, [48, 64])).toEqual([48, 1]);
    expect(shape({ type: 'crop1d', start: 1, end: 3 }, [292, 1])).toEqual([288, 1]);
  });
  it('names and shapes the weights as Keras lays them out', () => {
    const names = (spec: Record<string, unknown>, input: number[]) =>
      buildLayer(spec as never, input, { name: 'enc/l', rng: createRng(0) }).weights.map((w) => `${w.name} [${w.variable.shape}]`);
    expect(names({ type: 'lstm', units: 3 }, [5, 2])).toEqual(['enc/l/kernel [2,12]', 'enc/l/recurrentKernel [3,12]', 'enc/l/bias [12]']);
    expect(names({ type: 'gru', units: 3, bidirectional: true }, [5, 2])).toEqual([
      'enc/l/forward/kernel [2,9]',
      'enc/l/forward/recurrentKernel [3,9]',
      'enc/l/forward/bias [2,9]',
      'enc/l/backward/kernel [2,9]',
      'enc/l/backward/recurrentKernel [3,9]',
      'enc/l/backward/bias [2,9]',
    ]);
    expect(names({ type: 'conv1d', filters: 4, kernelSize: 5 }, [9, 2])).toEqual(['enc/l/kernel [5,2,4]', 'enc/l/bias [4]']);
    expect(names({ type: 'conv1dTranspose', filters: 4, kernelSize: 5 }, [9, 2])).toEqual(['enc/l/kernel [5,4,2]', 'enc/l/bias [4]']);
    expect(names({ type: 'timeDense', units: 2, useBias: false }, [9, 3])).toEqual(['enc/l/kernel [3,2]']);
  });
  it('starts the LSTM forget gate bias at 1 unless told not to, and the recurrent kernel orthogonal', () => {
    const l = buildLayer({ type: 'lstm', units: 3 }, [5, 2], ctx);
    expect(Array.from(l.weights[2].variable.dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const plain = buildLayer({ type: 'lstm', units: 3, unitForgetBias: false }, [5, 2], ctx);
    expect(Array.from(plain.weights[2].variable.dataSync())).toEqual(new Array(12).fill(0));
    tf.tidy(() => {
      const u = l.weights[1].variable;
      close(tf.matMul(u, u, false, true), tf.eye(3));
    });
  });
  it('orthogonal initialises orthonormal rows or columns, for a seed', () => {
    tf.tidy(() => {
      const wide = tf.tensor(initialize('orthogonal', 4 * 10, 4, 10, createRng(3)), [4, 10]);
      close(tf.matMul(wide, wide, false, true), tf.eye(4));
      const tall = tf.tensor(initialize('orthogonal', 10 * 4, 10, 4, createRng(3)), [10, 4]);
      close(tf.matMul(tall, tall, true, false), tf.eye(4));
    });
    expect(initialize('orthogonal', 12, 3, 4, createRng(1))).toEqual(initialize('orthogonal', 12, 3, 4, createRng(1)));
    expect(() => initialize('orthogonal', 12, 2, 4, createRng(1))).toThrow(/orthogonal initializer needs a \[2, 4\] matrix/);
  });
  it('names the layer and shapes on a mismatch', () => {
    expect(() => buildLayer({ type: 'lstm', units: 3 }, [12], ctx)).toThrow(/layer "seq\/x".*sequence \[steps, features\].*\[12\]/);
    expect(() => buildLayer({ type: 'repeatVector', n: 3 }, [4, 2], ctx)).toThrow(/flat vector/);
    expect(() => buildLayer({ type: 'crop1d', start: 3, end: 3 }, [6, 1], ctx)).toThrow(/leaves nothing of 6/);
    expect(() => buildLayer({ type: 'conv1d', filters: 2, kernelSize: 5, padding: 'valid' }, [3, 1], ctx)).toThrow(/does not fit/);
    expect(() => buildLayer({ type: 'gru', units: 3, unitForgetBias: true }, [4, 2], ctx)).toThrow(/unknown option "unitForgetBias"/);
  });
});

describe('a sequence autoencoder', () => {
  const encoder = [{ type: 'lstm', units: 6 }];
  const decoder = [{ type: 'repeatVector', n: 7 }, { type: 'lstm', units: 6, returnSequences: true }, { type: 'timeDense', units: 2 }];
  it('stacks and trains without leaking tensors', async () => {
    const enc = buildStack('encoder', encoder, [7, 2], createRng(1));
    const dec = buildStack('decoder', decoder, enc.outputShape, createRng(2));
    expect(dec.outputShape).toEqual([7, 2]);
    // two phases of a sine in two channels
    const x = tf.tidy(() => tf.sin(tf.add(tf.reshape(tf.linspace(0, 3, 7), [1, 7, 1]), tf.reshape(tf.tensor([0, 1, 2, 3, 0.5, 1.5, 2.5, 3.5]), [4, 1, 2]))));
    const loss = () => tf.mean(tf.square(tf.sub(dec.apply(enc.apply(x, { training: true, inputGradient: false }), { training: true }), x))) as tf.Scalar;
    const optimizer = tf.train.adam(0.05);
    const vars = [...enc.weights, ...dec.weights].map((w) => w.variable);
    const first = tf.tidy(() => loss().dataSync()[0]);
    for (let i = 0; i < 30; i++) tf.dispose(optimizer.minimize(loss, true, vars) ?? []);
    const last = tf.tidy(() => loss().dataSync()[0]);
    expect(last).toBeLessThan(first * 0.7);
    await expectNoLeak(() => {
      for (let i = 0; i < 2; i++) {
        const { value, grads } = tf.variableGrads(loss, vars);
        tf.dispose([value, ...Object.values(grads)]);
      }
    });
    optimizer.dispose();
    x.dispose();
  });
  it('the contractive penalty names a recurrent layer, which cannot pull back', () => {
    const enc = buildStack('encoder', encoder, [7, 2], createRng(1));
    expect(() => tf.tidy(() => jacobianFrobenius(enc, tf.zeros([1, 7, 2])))).toThrow(/layer "encoder\/lstm_0" \(lstm\) cannot pull back/);
  });
  it('pulls back a Jacobian through conv1d, repeatVector, timeDense and crop1d', () => {
    tf.tidy(() => {
      const stack = buildStack(
        'enc',
        [{ type: 'crop1d', start: 1 }, { type: 'conv1d', filters: 2, strides: 2, activation: 'tanh' }, { type: 'timeDense', units: 2, activation: 'elu' }, { type: 'flatten' }, { type: 'repeatVector', n: 2 }, { type: 'flatten' }],
        [7, 1],
        createRng(3),
      );
      const x = tf.randomUniform([2, 7, 1], -1, 1, 'float32', 5);
      const exact = jacobianFrobenius(stack, x).dataSync();
      x.shape[0] === 2 && [0, 1].forEach((b) => {
        const xb = tf.slice(x, [b, 0, 0], [1, -1, -1]);
        let total = 0;
        for (let j = 0; j < 12; j++) total += tf.sum(tf.square(tf.grad((v: Tensor) => tf.sum(tf.slice(stack.apply(v, { training: false }), [0, j], [1, 1])))(xb))).dataSync()[0];
        expect(exact[b]).toBeCloseTo(total, 4);
      });
    });
  });
});
