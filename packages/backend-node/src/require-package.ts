/**
 * Loading a native package or throwing the right {@link NodeBackendError}.
 */
import { loadFirstPackage, type LoadedPackage, type NodeOptions } from './detect.js';
import { NodeBackendError, loadFailedMessage, notInstalledMessage } from './errors.js';

/** Loads the first usable native package, or throws NOT_INSTALLED / LOAD_FAILED. */
export async function requirePackage(options: NodeOptions = {}): Promise<LoadedPackage> {
  const found = await loadFirstPackage(options);
  if (!Array.isArray(found)) return found;
  const installed = found.some((c) => c.status !== 'not-installed');
  throw installed
    ? new NodeBackendError('LOAD_FAILED', loadFailedMessage(found), found)
    : new NodeBackendError('NOT_INSTALLED', notInstalledMessage(options.gpu), found);
}
