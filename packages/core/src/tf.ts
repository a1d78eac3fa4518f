/**
 * The one TensorFlow.js entry point of Hourglass.
 *
 * `@tensorflow/tfjs-core` registers no gradients on its own, and its gradient
 * registration module cannot be imported by Node as shipped (extensionless
 * ESM imports). The build bundles that module into this package (see
 * `tsup.config.ts`), so importing anything from `@hourglass/core` makes every
 * core op differentiable on whatever backend is active. The registrations go
 * into tfjs-core's global kernel registry, shared by every copy of the engine.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
export type { Tensor, Variable, Rank } from '@tensorflow/tfjs-core';
