/** Turns the `threads` option and the environment into a thread count (or a reason for none). */
import { hasWasmThreadPrimitives, logicalCores } from './environment.js';
import { MAX_THREADS, PINNED_TFJS_WASM_VERSION } from './node/threaded-init.js';
import type { ThreadsOption } from './types.js';

export interface ThreadPlan {
  /** Threads to ask for; < 2 means do not try the threaded build. */
  count: number;
  /** Why not, when count < 2. */
  reason?: string;
}

export interface ThreadContext {
  node: boolean;
  simd: boolean;
  /** Installed tfjs-backend-wasm version. */
  version: string;
}

export async function planThreads(option: ThreadsOption, ctx: ThreadContext): Promise<ThreadPlan> {
  if (option === false) return { count: 1, reason: 'threads: false' };
  if (typeof option === 'number' && !(option > 1)) return { count: 1, reason: `threads: ${option}` };
  if (!ctx.simd) return { count: 1, reason: 'no WebAssembly SIMD (the threaded build needs it)' };
  const cores = await logicalCores();
  if (ctx.node) {
    if (ctx.version !== PINNED_TFJS_WASM_VERSION) {
      return {
        count: 1,
        reason: `tfjs-backend-wasm ${ctx.version} is installed; Node threads are only wired for ${PINNED_TFJS_WASM_VERSION}`,
      };
    }
    if (!hasWasmThreadPrimitives()) return { count: 1, reason: 'no shared WebAssembly memory in this runtime' };
  }
  if (option === 'auto' && cores < 2) return { count: 1, reason: 'one CPU core' };
  const wanted = typeof option === 'number' ? Math.floor(option) : Math.max(2, cores);
  return { count: Math.min(wanted, MAX_THREADS) };
}
