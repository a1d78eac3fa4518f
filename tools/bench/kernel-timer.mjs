/**
 * Times every kernel of a backend, for the per-kernel profilers
 * (tools/bench/kernel-profile.mjs, packages/backend-wasm/bench/profile-step.mjs):
 * each registered kernel function is wrapped in place with a timer that
 * charges a kernel its own time only (a kernel called from inside another,
 * a stock kernel under a wrapper, is subtracted from its caller). Kernels run
 * synchronously, so wall time per call is the kernel's time.
 */

/**
 * Wraps the kernels registered for `backendName` in `tf`'s registry. `key`
 * names a call in `stats` (default: the kernel's name). Timing runs while
 * `timer.timing` is true (initially true).
 *
 * @param {typeof import('@tensorflow/tfjs-core')} tf
 * @param {string} backendName
 * @param {(kernelName: string, args: { inputs: unknown, attrs?: Record<string, unknown> }) => string} [key]
 * @returns {{ stats: Map<string, { calls: number, ms: number }>, timing: boolean }}
 * @example
 * const timer = timeKernels(tf, tf.getBackend());
 * timer.timing = false; // warm-up untimed
 */
export function timeKernels(tf, backendName, key = (kernelName) => kernelName) {
  const timer = { stats: new Map(), timing: true };
  // time spent in the kernels each running kernel called
  const nested = [];
  for (const config of tf.getKernelsForBackend(backendName)) {
    const inner = config.kernelFunc;
    config.kernelFunc = (args) => {
      if (!timer.timing) return inner(args);
      const name = key(config.kernelName, args);
      nested.push(0);
      const t = performance.now();
      try {
        return inner(args);
      } finally {
        const total = performance.now() - t;
        const own = total - nested.pop();
        if (nested.length) nested[nested.length - 1] += total;
        const s = timer.stats.get(name) ?? { calls: 0, ms: 0 };
        s.calls++;
        s.ms += own;
        timer.stats.set(name, s);
      }
    };
  }
  return timer;
}
