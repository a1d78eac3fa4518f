import { expect } from 'vitest';
import { tf, buildLayer, createRng, type LayerSpec, type Tensor } from '../src/index.js';

/**
 * Checks d/dp sum(layer(x) * R) for the input and every weight against
 * central finite differences on a sample of coordinates.
 */
export function checkGradients(spec: LayerSpec, inputShape: number[], batch = 2, seed = 3) {
  const layer = buildLayer(spec, inputShape, { name: 'l', rng: createRng(seed) });
  const rng = createRng(seed + 1);
  // Distinct, well-separated inputs, so finite differences never cross a kink (relu, max pooling).
  const count = batch * inputShape.reduce((a, b) => a * b, 1);
  const order = Array.from({ length: count }, (_, i) => i).sort(() => rng.next() - 0.5);
  const xVals = Float32Array.from(order, (i) => -1 + (2 * i + 1) / count + 0.0123);
  const x = tf.tensor(xVals, [batch, ...inputShape]);
  const outSize = batch * layer.outputShape.reduce((a, b) => a * b, 1);
  const r = tf.tensor(Float32Array.from({ length: outSize }, () => rng.next() * 2 - 1), [batch, ...layer.outputShape]);
  const objective = (input: Tensor) => tf.sum(tf.mul(layer.apply(input, { training: false }), r));
  const params: Array<{ name: string; tensor: tf.Variable | Tensor; isInput: boolean }> = [
    { name: 'x', tensor: x, isInput: true },
    ...layer.weights.map((w) => ({ name: w.name, tensor: w.variable, isInput: false })),
  ];
  const dx = tf.grad(objective)(x);
  const dw = layer.weights.length ? tf.variableGrads(() => objective(x) as tf.Scalar, layer.weights.map((w) => w.variable)).grads : {};
  const analytic = [dx, ...layer.weights.map((w) => dw[w.variable.name])];
  const eps = 1e-2;
  for (const [pi, p] of params.entries()) {
    const base = p.tensor.dataSync().slice();
    const grad = analytic[pi].dataSync();
    const picks = Array.from({ length: Math.min(12, base.length) }, (_, i) => Math.floor((i * base.length) / Math.min(12, base.length)));
    for (const idx of picks) {
      const at = (delta: number) => {
        const v = base.slice();
        v[idx] += delta;
        const t = tf.tensor(v, p.tensor.shape);
        let out: number;
        if (p.isInput) out = objective(t).dataSync()[0];
        else {
          (p.tensor as tf.Variable).assign(t);
          out = objective(x).dataSync()[0];
          (p.tensor as tf.Variable).assign(tf.tensor(base, p.tensor.shape));
        }
        return out;
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      expect(Math.abs(grad[idx] - numeric), `${spec.type} d/d${p.name}[${idx}]: analytic ${grad[idx]} vs numeric ${numeric}`).toBeLessThan(
        2e-2 * Math.max(1, Math.abs(numeric)),
      );
    }
  }
}


/** Strides, padding and dilation of the convolutions whose gradients are checked (1-D and 2-D alike). */
export const CONV_GEOMETRIES = [
  { strides: 1, padding: 'same' },
  { strides: 2, padding: 'same' },
  { strides: 2, padding: 'valid' },
  { strides: 1, padding: 'valid', dilation: 2 },
  { strides: 2, padding: 'same', dilation: 2 },
];
