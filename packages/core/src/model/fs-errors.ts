/**
 * File-system failures as ModelFileErrors: the path, what was being done,
 * the system's error code with its meaning, and what to do about it, rather
 * than a raw `ENOSPC: no space left on device, write` without a path.
 */
import { describeSystemError, errnoCode } from '@hourglass/errors';
import { ModelFileError } from '../errors.js';

export { errnoCode };

/**
 * A ModelFileError for a failed file-system call on `path` while doing `action`.
 *
 * @example
 * try { await fs.mkdir(dir) } catch (e) { throw fsError(e, dir, 'create the model folder') }
 * // "runs/m: cannot create the model folder: EROFS (read-only file system); use a folder on a writable disk"
 */
export function fsError(e: unknown, path: string, action: string): ModelFileError {
  if (e instanceof ModelFileError) return e;
  const error = new ModelFileError(`cannot ${action}: ${describeSystemError(e)}`, path);
  (error as Error & { cause?: unknown }).cause = e;
  return error;
}
