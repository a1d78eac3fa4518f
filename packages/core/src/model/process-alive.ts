/**
 * Whether a process still runs, for the lock and leftover files that carry
 * a writer's pid: the model directory store and the CLI's run directories.
 */
import { errnoCode } from '@hourglass/errors';

/**
 * Whether process `pid` is running on this machine (this process counts; one
 * owned by another user counts too).
 *
 * @example
 * processAlive(process.pid); // true
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM'; // exists, owned by someone else
  }
}
