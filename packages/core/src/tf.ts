/**
 * The one TensorFlow.js entry point of Hourglass.
 *
 * `@tensorflow/tfjs-core` registers no gradients on its own, and its gradient
 * registration module cannot be imported by Node as shipped (extensionless
 * ESM imports). The build bundles that module into this package, with every
 * op it calls read from the public `@tensorflow/tfjs-core` entry, so the
 * package carries no second tfjs-core (`build/tfjs-gradients-plugin.ts`).
 * Importing anything from `@hourglass/core` makes every core op
 * differentiable on whatever backend is active.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
export type { Tensor, Variable, Rank } from '@tensorflow/tfjs-core';
