/**
 * @hourglass/backend-node in a browser bundle (the `browser` export
 * condition): tfjs-node is a Node addon, so the adapter probes as
 * unavailable and its setup throws, and nothing here imports Node's
 * modules. `@hourglass/backends` lists the adapter either way.
 */
import { defineBackend } from '@hourglass/core';
import { NODE_ADAPTER_INFO } from './adapter-info.js';
import { NodeBackendError } from './errors.js';

const REASON = 'tfjs-node runs in Node only, not in a browser';

/**
 * The node backend as a browser sees it: never available.
 *
 * @example
 * import { nodeBackend } from '@hourglass/backend-node';
 * (await nodeBackend.probe()).available; // false in a browser bundle
 */
export const nodeBackend = defineBackend<'node', unknown, never>({
  ...NODE_ADAPTER_INFO,
  probe: async () => ({ available: false, reason: REASON, details: {} }),
  setup: async () => {
    throw new NodeBackendError('NOT_INSTALLED', REASON, []);
  },
});
