/**
 * What the node adapter is, the same in Node and in a browser bundle (where
 * `browser.ts` stands in for `adapter.ts`).
 */
import { NODE_HINTS } from './hints.js';
import { NODE_TFJS_BACKEND } from './packages.js';

/** The fields of `nodeBackend` that need no Node. */
export const NODE_ADAPTER_INFO = {
  name: 'node',
  tfjsBackend: NODE_TFJS_BACKEND,
  description: "TensorFlow's native C library (tfjs-node)",
  hints: NODE_HINTS,
} as const;
