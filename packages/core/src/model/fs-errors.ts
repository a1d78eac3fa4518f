/**
 * File-system failures as ModelFileErrors: the path, what was being done,
 * the system's error code with its meaning, and what to do about it, rather
 * than a raw `ENOSPC: no space left on device, write` without a path.
 */
import { ModelFileError } from '../errors.js';

const MEANINGS: Record<string, [meaning: string, advice: string]> = {
  ENOENT: ['no such file or directory', 'check the path'],
  EROFS: ['read-only file system', 'save to a folder on a writable disk'],
  ENOSPC: ['no space left on the device', 'free some disk space or save to another disk'],
  EDQUOT: ['disk quota exceeded', 'free some space in your quota or save elsewhere'],
  EACCES: ['permission denied', 'check the permissions of the folder, or save elsewhere'],
  EPERM: ['operation not permitted', 'check the permissions of the folder, or save elsewhere'],
  EISDIR: ['a directory is where a file was expected', 'remove or rename that directory'],
  ENOTDIR: ['a file is where a folder was expected', 'give the path of a folder (not a file), or move the file away'],
  EEXIST: ['a file of that name is in the way', 'give the path of a folder, or move the file away'],
  ELOOP: ['a symbolic link is in the way', 'replace the link with a copy of the file'],
  EMFILE: ['too many open files', 'close other programs or raise the open-file limit (ulimit -n)'],
  ENFILE: ['too many open files on the system', 'close other programs'],
  EIO: ['input/output error', 'check the disk'],
  EBUSY: ['the file is busy', 'close programs using it and try again'],
  ENAMETOOLONG: ['the path is too long', 'use a shorter path'],
};

/**
 * The errno code of a Node.js system error (or of its cause), if any.
 *
 * @example
 * if (errnoCode(e) === 'ENOENT') return undefined;
 */
export function errnoCode(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  return err?.cause?.code ?? err?.code;
}

/**
 * A ModelFileError for a failed file-system call on `path` while doing `action`.
 *
 * @example
 * try { await fs.mkdir(dir) } catch (e) { throw fsError(e, dir, 'create the model folder') }
 * // "runs/m: cannot create the model folder: EROFS (read-only file system); save to a folder on a writable disk"
 */
export function fsError(e: unknown, path: string, action: string): ModelFileError {
  if (e instanceof ModelFileError) return e;
  const code = errnoCode(e);
  const known = code ? MEANINGS[code] : undefined;
  const detail = known ? `${code} (${known[0]}); ${known[1]}` : code ? `${code} (${(e as Error).message})` : String((e as Error)?.message ?? e);
  const error = new ModelFileError(`cannot ${action}: ${detail}`, path);
  (error as Error & { cause?: unknown }).cause = e;
  return error;
}
