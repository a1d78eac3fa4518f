/**
 * Names Keras derives, and the Keras names of portable activations.
 *
 * Keras 3 stores a model's weights under paths made from the layers' class
 * names, not their own names: each layer of a model's layer list becomes
 * `layers/<snake_case class name>`, with `_1`, `_2`, ... for later layers of
 * the same class (so the second Dense of a model is `layers/dense_1`,
 * whatever its name).
 */
import type { PortableActivation } from '../portable.js';

/** Keras' `to_snake_case`: `Conv2DTranspose` -> `conv2d_transpose`, `LeakyReLU` -> `leaky_re_lu`. */
export function snakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The weight-file group names of a model's layers, in order, from their class names.
 *
 * @example
 * weightGroupNames(['Dense', 'Dropout', 'Dense']); // ['dense', 'dropout', 'dense_1']
 */
export function weightGroupNames(classNames: readonly string[]): string[] {
  const used = new Map<string, number>();
  return classNames.map((c) => {
    const name = snakeCase(c);
    const n = used.get(name);
    used.set(name, n === undefined ? 0 : n + 1);
    return n === undefined ? name : `${name}_${n + 1}`;
  });
}

/** Portable activations Keras names the same way (leaky ReLU aside: it is its own layer on export). */
const TO_KERAS: Record<Exclude<PortableActivation, 'leakyRelu'>, string> = {
  relu: 'relu',
  elu: 'elu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softplus: 'softplus',
  linear: 'linear',
  softmax: 'softmax',
};

/** The Keras name of a portable activation other than leaky ReLU. */
export function kerasActivation(activation: Exclude<PortableActivation, 'leakyRelu'>): string {
  return TO_KERAS[activation];
}

