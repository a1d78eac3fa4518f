/**
 * Loading a native package or throwing the right {@link NativeBackendError}.
 */
import { loadFirstNative, type LoadedNative, type NativeOptions } from './detect.js';
import { NativeBackendError, loadFailedMessage, notInstalledMessage } from './errors.js';

/** Loads the first usable native package, or throws NOT_INSTALLED / LOAD_FAILED. */
export async function requireNative(options: NativeOptions = {}): Promise<LoadedNative> {
  const found = await loadFirstNative(options);
  if (!Array.isArray(found)) return found;
  const installed = found.some((c) => c.status !== 'not-installed');
  throw installed
    ? new NativeBackendError('LOAD_FAILED', loadFailedMessage(found), found)
    : new NativeBackendError('NOT_INSTALLED', notInstalledMessage(options.gpu), found);
}
