/**
 * The one error type of this package, with messages that say what to install
 * or run, and why. It is a branded `HourglassError` of `@hourglass/errors`,
 * whose `code` is one of {@link NodeBackendErrorCode}.
 */
import { HourglassError } from '@hourglass/errors';
import { explainStatus, type CandidateStatus } from './classify.js';
import { CPU_PACKAGE, GPU_PACKAGE, type NodePackage } from './packages.js';

/**
 * Machine-readable cause of a {@link NodeBackendError}.
 *
 * @example
 * const code: NodeBackendErrorCode = 'NOT_INSTALLED';
 */
export type NodeBackendErrorCode = 'NOT_INSTALLED' | 'LOAD_FAILED' | 'BACKEND_NOT_ACTIVE' | 'THREADS_FIXED';

/**
 * What happened to one package during detection.
 *
 * @example
 * const c: Candidate = { package: '@tensorflow/tfjs-node', status: 'not-installed' };
 */
export interface Candidate {
  package: NodePackage;
  status: CandidateStatus;
  version?: string;
  /** First line of the load error, when loading failed. */
  error?: string;
}

/**
 * Thrown when the native backend cannot be used. `code` tells why;
 * `candidates` lists what was tried.
 *
 * @example
 * try { await setupNode(); } catch (e) {
 *   if (e instanceof NodeBackendError && e.code === 'NOT_INSTALLED') useWasmInstead();
 * }
 */
export class NodeBackendError extends HourglassError {
  declare readonly code: NodeBackendErrorCode;
  constructor(
    code: NodeBackendErrorCode,
    message: string,
    readonly candidates: readonly Candidate[] = [],
  ) {
    super(message, { code });
    this.name = 'NodeBackendError';
  }
}

const WHY =
  'It provides the native TensorFlow C library binding behind the \'tensorflow\' backend; ' +
  'it is an optional peer dependency of @hourglass/backend-node, so it is not installed automatically.';

/**
 * The README section on building tfjs-node without internet access, by an
 * address that users of the installed package can open.
 *
 * @example
 * console.log(`offline? see ${OFFLINE_GUIDE}`);
 */
export const OFFLINE_GUIDE = 'https://github.com/hourglass-ml/hourglass/tree/main/packages/backend-node#without-internet-access';

const OFFLINE =
  `Without internet access (its install script downloads libtensorflow from Google's storage), build it by hand from ` +
  `TensorFlow's Python wheel as ${OFFLINE_GUIDE} shows, or use @hourglass/backend-wasm, which needs no native code.`;

/**
 * The message for "no native package is installed".
 *
 * @example
 * notInstalledMessage(false); // 'No native TensorFlow backend is installed. Run: npm install @tensorflow/tfjs-node …'
 */
export function notInstalledMessage(gpu?: boolean): string {
  const pkg = gpu === true ? GPU_PACKAGE : CPU_PACKAGE;
  const alt = gpu === undefined ? ` (or \`npm install ${GPU_PACKAGE}\` for CUDA GPUs)` : '';
  return (
    `No native TensorFlow backend is installed. Run: npm install ${pkg}${alt}. ${WHY} ${OFFLINE} ` +
    'Alternatives without native code: @hourglass/backend-wasm or the cpu backend.'
  );
}

/**
 * The message for "installed but it does not load", naming each failure.
 *
 * @example
 * loadFailedMessage([{ package: '@tensorflow/tfjs-node', status: 'binding-missing' }]);
 */
export function loadFailedMessage(candidates: readonly Candidate[]): string {
  const failed = candidates.filter((c) => c.status !== 'not-installed' && c.status !== 'loaded');
  const lines = failed.map(
    (c) => `${c.package}${c.version ? `@${c.version}` : ''} is ${explainStatus(c.status)}${c.error ? ` (${c.error})` : ''}.`,
  );
  const pkg = failed[0]?.package ?? CPU_PACKAGE;
  return (
    `The native TensorFlow backend could not be loaded. ${lines.join(' ')} ` +
    `Fix: \`npm rebuild ${pkg}\` with internet access (its install script downloads libtensorflow and the binding), ` +
    `or reinstall it. ${OFFLINE}`
  );
}
