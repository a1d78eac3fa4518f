/**
 * Turns the error thrown while loading tfjs-node into a short, actionable
 * status. The messages come from tfjs-node's entry point and from the
 * dynamic linker; they are matched loosely on purpose.
 */

/**
 * Why a package could not be used.
 *
 * @example
 * const s: CandidateStatus = 'binding-missing';
 */
export type CandidateStatus =
  | 'loaded'
  | 'not-installed'
  | 'binding-missing'
  | 'library-failed'
  | 'binding-incompatible'
  | 'load-failed';

/**
 * Classifies a load error.
 *
 * @example
 * classifyLoadError(new Error('libtensorflow.so.2: cannot open shared object file')); // 'library-failed'
 */
export function classifyLoadError(error: unknown): Exclude<CandidateStatus, 'loaded' | 'not-installed'> {
  const msg = error instanceof Error ? error.message : String(error);
  if (/tfjs_binding\.node\)? can ?not be found|native addon module/i.test(msg)) return 'binding-missing';
  if (/(libtensorflow|libcuda|libcudnn|libcublas|libnvinfer)[\w.-]*|cannot open shared object|undefined symbol|image not found|Library not loaded|specified module could not be found/i.test(msg)) {
    return 'library-failed';
  }
  if (/NODE_MODULE_VERSION|Node-API version|N-API version|different Node\.js version|invalid ELF header|wrong ELF class/i.test(msg)) {
    return 'binding-incompatible';
  }
  return 'load-failed';
}

/**
 * One sentence explaining a status, for error messages and `reason`.
 *
 * @example
 * explainStatus('not-installed'); // 'not installed'
 */
export function explainStatus(status: CandidateStatus): string {
  switch (status) {
    case 'loaded':
      return 'loaded';
    case 'not-installed':
      return 'not installed';
    case 'binding-missing':
      return 'installed, but its native binding (tfjs_binding.node) is missing: its install script did not run or failed';
    case 'library-failed':
      return 'installed, but the TensorFlow C library (libtensorflow) it links to failed to load';
    case 'binding-incompatible':
      return 'installed, but its native binding was built for another Node.js version or platform';
    case 'load-failed':
      return 'installed, but loading it failed';
  }
}

/** The first line of an error's message. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
