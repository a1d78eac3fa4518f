/**
 * Activation functions with hand-written gradients.
 *
 * tfjs's generic gradients for these ops chain several small kernels (relu's
 * goes through Step, Select and Fill), which dominates the backward pass of
 * a small dense network. Every activation here expresses its derivative from
 * its OUTPUT alone, so layers keep just one tensor for the backward pass and
 * can fuse the derivative into their own gradient (see `dense.ts`).
 */
import { tf } from '../tf.js';
import { softplus } from './softplus.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { customOp } from './custom-op.js';
import { activeHints } from '../backend-hints.js';

/** Names of the activations every layer takes. */
export const ACTIVATIONS = ['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'softplus', 'linear'] as const;
/** One of {@link ACTIVATIONS}. */
export type ActivationName = (typeof ACTIVATIONS)[number];

/** An elementwise activation and its derivative written in terms of its output. */
export interface Activation {
  readonly name: ActivationName;
  /** y = f(x). */
  forward(x: Tensor): Tensor;
  /** f'(x) expressed through y = f(x); undefined for the identity. */
  derivativeFromOutput?(y: Tensor): Tensor;
}

/** The slope of leakyRelu below zero. */
export const LEAKY_RELU_ALPHA = 0.2;

const table: Record<ActivationName, Activation> = {
  relu: { name: 'relu', forward: (x) => tf.relu(x), derivativeFromOutput: (y) => (activeHints().reluDerivativeByStep ? tf.step(y) : tf.sign(y)) },
  leakyRelu: {
    name: 'leakyRelu',
    forward: (x) => tf.leakyRelu(x, LEAKY_RELU_ALPHA),
    // alpha + (1 - alpha) * [y > 0]
    derivativeFromOutput: (y) => tf.add(tf.mul(tf.step(y), 1 - LEAKY_RELU_ALPHA), LEAKY_RELU_ALPHA),
  },
  elu: {
    name: 'elu',
    forward: (x) => tf.elu(x),
    // y > 0 ? 1 : y + 1
    derivativeFromOutput: (y) => tf.add(tf.minimum(y, 0), 1),
  },
  sigmoid: { name: 'sigmoid', forward: (x) => tf.sigmoid(x), derivativeFromOutput: (y) => tf.mul(y, tf.sub(1, y)) },
  tanh: { name: 'tanh', forward: (x) => tf.tanh(x), derivativeFromOutput: (y) => tf.sub(1, tf.square(y)) },
  softplus: {
    name: 'softplus',
    forward: (x) => softplus(x),
    // sigmoid(x) = 1 - exp(-softplus(x))
    derivativeFromOutput: (y) => tf.sub(1, tf.exp(tf.neg(y))),
  },
  linear: { name: 'linear', forward: (x) => x },
};

/**
 * Looks up an activation by name.
 *
 * @example
 * const relu = getActivation('relu');
 * const y = relu.forward(tf.tensor1d([-1, 2])); // [0, 2]
 */
export function getActivation(name: string): Activation {
  const a = (table as Record<string, Activation>)[name];
  if (!a) throw new ConfigError(`unknown activation "${name}"; allowed: ${ACTIVATIONS.join(', ')}`);
  return a;
}

/**
 * Applies `act` with its hand-written gradient (dy * f'(y)).
 *
 * @example
 * const y = applyActivation(getActivation('tanh'), x);
 */
export function applyActivation(act: Activation, x: Tensor): Tensor {
  const deriv = act.derivativeFromOutput;
  if (!deriv) return x;
  const f = customOp(([input], save) => {
    const y = act.forward(input);
    save([y]);
    return { value: y, gradFunc: (dy, saved) => tf.mul(dy, deriv(saved[0])) };
  });
  return f(x);
}

/** Multiplies Jacobian rows `g` ([B, k, ...]) by f'(y) ([B, ...]), for contractive penalties. */
export function pullbackActivation(act: Activation, g: Tensor, y: Tensor): Tensor {
  const deriv = act.derivativeFromOutput;
  if (!deriv) return g;
  return tf.mul(g, tf.expandDims(deriv(y), 1));
}
