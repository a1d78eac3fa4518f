/**
 * A model store in a directory of the file system (Node).
 *
 * Writing: each file goes to a unique temporary name
 * (`<name>.tmp-<pid>-<random>`, created exclusively), is synced and renamed
 * into place, so a reader sees the old file or the new one, never a part.
 * While a write runs, a marker `.hourglass-write-<pid>-<random>` lists the
 * names it will publish, so a concurrent cleanup (`inProgress`) keeps them.
 * Files a killed writer left behind (temporary files, markers, files set
 * aside by a cleanup) carry its pid; the next write removes them once that
 * process is gone, and never touches those of a live writer.
 *
 * Reading: symbolic links are refused (checked with lstat, then opened with
 * O_NOFOLLOW where the system has it) before anything about their target is
 * read or revealed. Every file-system failure becomes a ModelFileError
 * naming the path, the cause and what to do (`fs-errors.ts`).
 */
import { ModelFileError } from '../errors.js';
import { errnoCode, fsError } from './fs-errors.js';
import { processAlive } from './process-alive.js';
import type { ModelStore } from './store-contract.js';

type Fs = typeof import('node:fs/promises');

/** Options of `directoryStore`. */
export interface DirectoryStoreOptions {
  /** The `fs/promises` implementation to use (default Node's); for tests and virtual file systems. */
  fs?: Fs;
}

const MARKER = /^\.hourglass-write-(\d+)-[0-9a-z]+$/;
/** Temporary files of a write, and files a cleanup set aside: `<name>.<kind>-<pid>-<random>`. */
const LEFTOVER = /^(.+)\.(tmp|aside)-(\d+)-[0-9a-z]+$/;

const unique = () => `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * The real reason a recursive mkdir of `root` failed with ENOENT (which is
 * what it reports on a read-only disk when parents are missing): the error
 * of creating the first missing folder below the nearest existing one.
 */
async function mkdirCause(fs: Fs, root: string, e: unknown): Promise<unknown> {
  if (errnoCode(e) !== 'ENOENT') return e;
  const parentOf = (p: string) => {
    const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return i > 0 ? p.slice(0, i) : i === 0 ? '/' : '.';
  };
  for (let child = root, parent = parentOf(root); parent !== child; child = parent, parent = parentOf(parent)) {
    const exists = await fs.stat(parent).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    try {
      await fs.mkdir(child);
      await fs.rmdir(child);
    } catch (cause) {
      return cause;
    }
    break;
  }
  return e;
}

const symlinkError = (path: string) =>
  new ModelFileError(
    'is a symbolic link; links in a model folder are not followed (they could read a file outside the folder); replace the link with a copy of the file',
    path,
  );

/**
 * A store in a directory of the file system (Node). The directory is
 * created on first write.
 *
 * @example
 * await saveModel(model, directoryStore('runs/mnist/model'));
 */
export function directoryStore(dir: string, options: DirectoryStoreOptions = {}): ModelStore {
  const node = async () => options.fs ?? (await import('node:fs/promises'));
  const root = dir.replace(/[\\/]+$/, '');
  const join = (name: string) => `${root}/${name}`;

  /** Names in the directory, [] when it does not exist. */
  const names = async (fs: Fs) => {
    try {
      return await fs.readdir(root);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return [];
      throw fsError(e, root, 'list the model folder');
    }
  };

  /** Removes what killed writers left; puts back files a killed cleanup had set aside. */
  const removeLeftovers = async (fs: Fs) => {
    for (const name of await names(fs)) {
      const marker = MARKER.exec(name);
      const left = LEFTOVER.exec(name);
      const pid = Number(marker?.[1] ?? left?.[3]);
      if (!(marker || left) || processAlive(pid)) continue;
      try {
        if (left?.[2] === 'aside') await fs.rename(join(name), join(left[1]));
        else await fs.rm(join(name), { force: true });
      } catch {
        // Another writer cleaned it up first.
      }
    }
  };

  const lstat = async (fs: Fs, name: string) => {
    try {
      return await fs.lstat(join(name));
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return undefined;
      throw fsError(e, join(name), 'inspect');
    }
  };

  const writeOne = async (fs: Fs, name: string, data: Uint8Array) => {
    const target = join(name);
    const tmp = `${target}.tmp-${unique()}`;
    try {
      const handle = await fs.open(tmp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw fsError(e, target, 'write');
    }
  };

  return {
    async write(entries) {
      const fs = await node();
      try {
        await fs.mkdir(root, { recursive: true });
      } catch (e) {
        throw fsError(await mkdirCause(fs, root, e), root, 'create the model folder');
      }
      await removeLeftovers(fs);
      const marker = join(`.hourglass-write-${unique()}`);
      try {
        await fs.writeFile(marker, JSON.stringify(entries.map(([name]) => name)), { flag: 'wx' });
      } catch (e) {
        throw fsError(e, root, 'write in the model folder');
      }
      try {
        for (const [name, data] of entries) await writeOne(fs, name, data);
      } finally {
        await fs.rm(marker, { force: true }).catch(() => undefined);
      }
    },
    async read(name) {
      const fs = await node();
      const path = join(name);
      const st = await lstat(fs, name);
      if (!st) throw new ModelFileError('file not found', path);
      if (st.isSymbolicLink()) throw symlinkError(path);
      if (!st.isFile()) throw new ModelFileError('is not a regular file', path);
      let handle;
      try {
        handle = await fs.open(path, (fs.constants?.O_RDONLY ?? 0) | (fs.constants?.O_NOFOLLOW ?? 0));
      } catch (e) {
        const code = errnoCode(e);
        if (code === 'ELOOP') throw symlinkError(path);
        if (code === 'ENOENT') throw new ModelFileError('file not found', path);
        throw fsError(e, path, 'open');
      }
      try {
        return new Uint8Array(await handle.readFile());
      } catch (e) {
        throw fsError(e, path, 'read');
      } finally {
        await handle.close();
      }
    },
    async size(name) {
      const st = await lstat(await node(), name);
      if (st?.isSymbolicLink()) throw symlinkError(join(name));
      return st?.isFile() ? st.size : undefined;
    },
    async list() {
      return names(await node());
    },
    async remove(name) {
      const fs = await node();
      try {
        await fs.rm(join(name), { force: true });
      } catch (e) {
        throw fsError(e, join(name), 'remove');
      }
    },
    async setAside(name) {
      const fs = await node();
      const aside = `${name}.aside-${unique()}`;
      try {
        await fs.rename(join(name), join(aside));
        return aside;
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') return undefined;
        throw fsError(e, join(name), 'move aside');
      }
    },
    async restore(aside, name) {
      const fs = await node();
      try {
        await fs.rename(join(aside), join(name));
      } catch (e) {
        throw fsError(e, join(name), 'restore');
      }
    },
    async inProgress() {
      const fs = await node();
      const busy = new Set<string>();
      for (const name of await names(fs)) {
        const m = MARKER.exec(name);
        if (!m || !processAlive(Number(m[1]))) continue;
        try {
          for (const n of JSON.parse(await fs.readFile(join(name), 'utf8')) as string[]) busy.add(n);
        } catch {
          // The write finished meanwhile (or its marker is still being written: its files are not out yet).
        }
      }
      return busy;
    },
    describe: join,
  };
}
