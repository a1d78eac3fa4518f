/**
 * Claiming a run directory for one `hourglass train`. Two runs writing the
 * same directory would interleave metrics and overwrite each other's model,
 * so a run holds a lock file (`.hourglass.lock`, created with O_EXCL and
 * holding the pid) until it ends. A lock whose pid is no longer alive (a run
 * that was killed) is stale and taken over. The pictures a run may draw are
 * removed when it starts, so a reused directory never shows pictures of an
 * earlier run that this one does not draw.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '@hourglass/core';
import { HourglassError } from '@hourglass/errors';

/** The lock file in a run directory. */
export const LOCK_FILE = '.hourglass.lock';
/** The pictures `train` may draw into a run directory. */
export const RUN_PICTURES = ['reconstructions.png', 'samples.png', 'latent.png'] as const;

async function holder(lock: string): Promise<number | undefined> {
  const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function tryCreate(lock: string): Promise<boolean> {
  try {
    const file = await open(lock, 'wx');
    await file.writeFile(`${process.pid}\n`);
    await file.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new HourglassError(`${lock}: cannot create the lock file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { code: 'OUTPUT', file: lock, cause: e });
  }
}

/**
 * Creates `dir` if needed, locks it for this process and removes pictures of
 * an earlier run; the lock is released when the result is disposed
 * (`await using run = await claimRunDirectory(dir)`), however the run ends.
 * Throws (code `LOCKED`) while another live process holds the directory.
 *
 * @example
 * await using run = await claimRunDirectory('runs/mnist');
 */
export async function claimRunDirectory(dir: string): Promise<AsyncDisposable> {
  await mkdir(dir, { recursive: true });
  const lock = join(dir, LOCK_FILE);
  for (let attempt = 0; !(await tryCreate(lock)); attempt++) {
    const pid = await holder(lock);
    // A lock without a readable pid may be one being written right now: wait once before calling it stale.
    if (pid === undefined && attempt === 0) await new Promise((r) => setTimeout(r, 50));
    else if ((pid !== undefined && processAlive(pid)) || attempt > 2)
      throw new HourglassError(
        `${dir} is in use by another run (pid ${pid ?? 'unknown'}, lock file ${lock}); wait for it to end or choose another --out. If no such process exists, delete the lock file.`,
        { code: 'LOCKED', file: dir },
      );
    else await rm(lock, { force: true });
  }
  await Promise.all(RUN_PICTURES.map((name) => rm(join(dir, name), { force: true })));
  return { [Symbol.asyncDispose]: () => rm(lock, { force: true }) };
}
