/**
 * Layer plans that several architecture plug-ins share: the check that a
 * shape is a sequence, and the bridge from a code to the feature map a
 * decoder starts from.
 */
import { ShapeError } from '../errors.js';
import type { LayerSpec } from '../layers/layer.js';
import type { ActivationName } from '../layers/activations.js';
import { sizeOf } from '../shape.js';

/**
 * `shape` as [steps, features], or a ShapeError naming the variant and what the shape is for.
 *
 * @example
 * const [steps, features] = expectSequence('recurrent', inputShape, 'sequences');
 */
export function expectSequence(variant: string, shape: number[], what: string): [number, number] {
  if (shape.length !== 2)
    throw new ShapeError(`${variant}: expects ${what} [steps, features], got [${shape.join(', ')}]; cut the series into windows`);
  return shape as [number, number];
}

/**
 * Layers that turn a code of `codeShape` into a feature map of `shape`: none
 * when the code already is that map, else a dense layer (after a flatten
 * when the code is not flat) and a reshape.
 *
 * @example
 * layers.push(...codeToMap([32], [4, 4, 8], 'relu')); // dense(128) -> reshape [4, 4, 8]
 */
export function codeToMap(codeShape: number[], shape: number[], activation: ActivationName): LayerSpec[] {
  if (codeShape.length === shape.length && codeShape.every((d, i) => d === shape[i])) return [];
  return [...(codeShape.length > 1 ? [{ type: 'flatten' }] : []), { type: 'dense', units: sizeOf(shape), activation }, { type: 'reshape', shape }];
}
