/**
 * A stack of layers applied in order: the encoder, the decoder and a
 * variant's extra heads are each one. Building checks every layer's shape
 * against the previous one's output.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';
import { ShapeError } from '../errors.js';
import type { ApplyContext, Layer, LayerSpec, NamedWeight } from './layer.js';
import { buildLayer } from './registry.js';
import { sizeOf } from '../shape.js';

/** A built sequence of layers. */
export interface Stack {
  readonly scope: string;
  readonly layers: readonly Layer[];
  readonly inputShape: number[];
  readonly outputShape: number[];
  readonly weights: NamedWeight[];
  /**
   * Runs the layers in order. When `trace` is given, it receives every
   * layer's output (the hidden activations), in order.
   */
  apply(x: Tensor, ctx: ApplyContext, trace?: Tensor[]): Tensor;
}

/**
 * Builds `specs` in order starting from `inputShape`; layer names are
 * `<scope>/<type>_<index>`.
 *
 * @example
 * const enc = buildStack('encoder', [{ type: 'dense', units: 32, activation: 'relu' }], [784], createRng(0));
 */
export function buildStack(scope: string, specs: readonly LayerSpec[], inputShape: number[], rng: Rng): Stack {
  const layers: Layer[] = [];
  let shape = [...inputShape];
  specs.forEach((spec, i) => {
    const name = `${scope}/${spec.type}_${i}`;
    const layer = buildLayer(spec, shape, { name, rng: rng.fork(name) });
    layers.push(layer);
    shape = layer.outputShape;
  });
  return {
    scope,
    layers,
    inputShape: [...inputShape],
    outputShape: shape,
    weights: layers.flatMap((l) => l.weights),
    apply(x, ctx, trace) {
      let h = x;
      layers.forEach((layer, i) => {
        // Only the stack's own input can be exempt from gradients.
        h = layer.apply(h, i === 0 || ctx.inputGradient === undefined ? ctx : { ...ctx, inputGradient: undefined });
        trace?.push(h);
      });
      return h;
    },
  };
}

/** Checks that a batch tensor matches a stack's per-sample input shape. */
export function checkBatchShape(what: string, expected: number[], actual: number[]): void {
  const per = actual.slice(1);
  if (per.length !== expected.length || per.some((d, i) => d !== expected[i]))
    throw new ShapeError(`${what}: expected a batch of shape [n, ${expected.join(', ')}], got [${actual.join(', ')}]`);
}

/** Layer types that can pull back a Jacobian (for messages; a layer says so by defining `pullback`). */
export const PULLBACK_LAYERS = 'dense, conv2d, conv1d, maxPool2d, timeDense, repeatVector, crop1d, crop2d, upSampling2d, flatten, reshape, dropout or activation';

/**
 * Per-sample squared Frobenius norm of d stack(x) / d x, exact (or estimated
 * from `probes` random projections of the output), built from each layer's
 * `pullback` so that the result is differentiable with first-order autodiff.
 * The output is flattened; returns shape [batch].
 *
 * @example
 * const penalty = tf.mean(jacobianFrobenius(model.encoder, x)); // exact; add { count: 8, seed } to estimate
 */
export function jacobianFrobenius(stack: Stack, x: Tensor, probes?: { count: number; seed: number }): Tensor {
  const inputs: Tensor[] = [x];
  const ctx: ApplyContext = { training: false };
  for (const layer of stack.layers) {
    if (!layer.pullback)
      throw new ShapeError(`contractive penalty: layer "${layer.name}" (${layer.type}) cannot pull back a Jacobian; use ${PULLBACK_LAYERS} layers in the encoder`);
    inputs.push(layer.apply(inputs[inputs.length - 1], ctx));
  }
  const batch = x.shape[0];
  const k = sizeOf(stack.outputShape);
  // Rows of the Jacobian we pull back: the identity (exact) or Gaussian probes scaled so E[||vJ||^2] = ||J||^2.
  let g: Tensor = probes
    ? tf.div(tf.randomNormal([batch, probes.count, k], 0, 1, 'float32', probes.seed), Math.sqrt(probes.count))
    : tf.tile(tf.expandDims(tf.eye(k), 0), [batch, 1, 1]);
  const rows = g.shape[1] as number;
  g = tf.reshape(g, [batch, rows, ...stack.outputShape]);
  for (let i = stack.layers.length - 1; i >= 0; i--) g = stack.layers[i].pullback!(g, inputs[i], inputs[i + 1]);
  return tf.sum(tf.reshape(tf.square(g), [batch, -1]), 1);
}
