/**
 * TensorFlow's intra-op threads: how many threads one op may split its work
 * over. TensorFlow reads the count once, from `TF_NUM_INTRAOP_THREADS`, when
 * its library loads, so it is settled here before the first load and can
 * never change afterwards in the same process.
 *
 * TensorFlow's own default is one thread per core. On a small machine that
 * costs more than it gains for the ops of a training step: the calling
 * thread waits while the pool's threads wake, split a 256x784 elementwise op
 * and meet again, and the JavaScript thread that feeds the next op needs a
 * core of its own. Measured on 2 cores (one run, `hourglass bench`, 3 epochs
 * per figure): an elementwise multiply of 256x784 took 40 us on 1 thread
 * against 80-99 us on 2, and model A trained 1.48x faster on 1 thread
 * (34,508 against 23,315 samples/s, medians of 3 interleaved runs); a
 * 256x784x512 product took 533 us on 2 threads against 920 us on 1, which
 * is why model B (15,674 against 15,393) and the convolutional C (4,253
 * against 4,469) came out even. The default therefore leaves one core to the process
 * feeding TensorFlow: cores - 1 threads, at least 1 (TensorFlow's default
 * on a machine with many cores stays close to that anyway).
 *
 * Precedence: the `threads` option of `setupNode`, then a
 * `TF_NUM_INTRAOP_THREADS` already in the environment, then the default.
 */
import { availableParallelism } from 'node:os';

const ENV = 'TF_NUM_INTRAOP_THREADS';
let settled: number | undefined;

/**
 * The default intra-op thread count for a machine with `cores` logical cores.
 *
 * @example
 * defaultNativeThreads(2); // 1
 * defaultNativeThreads(16); // 15
 */
export function defaultNativeThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/** Parses a thread count given in the environment; undefined when absent or not a positive integer. */
function fromEnv(): number | undefined {
  const raw = process.env[ENV];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Settles the count before TensorFlow loads (the first call wins; later
 * calls return that count). `requested` overrides the environment. When
 * TensorFlow was `alreadyLoaded` (the process required tfjs-node itself
 * first), the count is what it read then: the environment's, else
 * TensorFlow's own default of one thread per core.
 */
export function settleThreads(requested?: number, alreadyLoaded = false): number {
  if (settled !== undefined) return settled;
  if (alreadyLoaded) return (settled = fromEnv() ?? availableParallelism());
  settled = requested ?? fromEnv() ?? defaultNativeThreads();
  process.env[ENV] = String(settled);
  return settled;
}

/** The count TensorFlow was (or will be) loaded with, once settled. */
export function settledThreads(): number | undefined {
  return settled;
}

/**
 * Checks a `threads` option: a positive integer.
 *
 * @throws {RangeError} naming the option and the value.
 */
export function checkThreadsOption(threads: number | undefined): void {
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0))
    throw new RangeError(`@hourglass/backend-node: threads must be a positive integer (TensorFlow's intra-op threads), got ${String(threads)}`);
}
