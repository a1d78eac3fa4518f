/**
 * Failed system calls (Node.js `ErrnoException`s) in words a user can act
 * on: the errno code, what it means and what to do, instead of a raw
 * `ENOSPC: no space left on device, write` without a path.
 */

const MEANINGS: Record<string, [meaning: string, advice: string]> = {
  ENOENT: ['no such file or directory', 'check the path'],
  EROFS: ['read-only file system', 'use a folder on a writable disk'],
  ENOSPC: ['no space left on the device', 'free some disk space or use another disk'],
  EDQUOT: ['disk quota exceeded', 'free some space in your quota or use another folder'],
  EACCES: ['permission denied', 'check the permissions of the folder, or use another one'],
  EPERM: ['operation not permitted', 'check the permissions of the folder, or use another one'],
  EISDIR: ['a directory is where a file was expected', 'give the path of a file, or remove or rename that directory'],
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
  const err = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.cause?.code ?? err?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * The errno code of a failed system call with its meaning and advice, e.g.
 * `EROFS (read-only file system); use a folder on a writable disk`; for an
 * unknown code, the code and the system's message.
 *
 * @example
 * try { mkdirSync('/proc/x') } catch (e) { console.error(`/proc/x: cannot create the folder: ${describeSystemError(e)}`) }
 */
export function describeSystemError(e: unknown): string {
  const code = errnoCode(e);
  const known = code ? MEANINGS[code] : undefined;
  if (known) return `${code} (${known[0]}); ${known[1]}`;
  const message = (e as { message?: unknown } | undefined)?.message;
  return code ? `${code} (${String(message)})` : String(message ?? e);
}
