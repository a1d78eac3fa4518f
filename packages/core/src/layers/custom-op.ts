/**
 * A typed wrapper over `tf.customGrad`: an op given as a forward function
 * that saves what its backward pass needs, and a gradient per input.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';

/** Forward of a custom op: the value plus the gradient function. */
export type CustomOpForward = (
  inputs: Tensor[],
  save: (saved: Tensor[]) => void,
) => { value: Tensor; gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor | Tensor[] };

/**
 * Makes a differentiable op with a hand-written gradient.
 *
 * @example
 * const square = customOp(([x], save) => { save([x]); return { value: tf.square(x), gradFunc: (dy, [sx]) => tf.mul(dy, tf.mul(sx, 2)) }; });
 */
export function customOp(forward: CustomOpForward): (...inputs: Tensor[]) => Tensor {
  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args.pop() as (saved: Tensor[]) => void;
    return forward(args as Tensor[], save);
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (...inputs: Tensor[]) => op(...inputs) as Tensor;
}
