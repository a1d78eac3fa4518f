/**
 * Where saved models live. A `ModelStore` is a flat set of named files; the
 * saver writes weights first and `model.json` last, so a reader never sees a
 * `model.json` whose weights are incomplete.
 *
 * `directoryStore` (Node) writes each file to a temporary name and renames it
 * into place, so a crash mid-save leaves the previous model intact.
 * `memoryStore` keeps files in a Map, for browsers and tests. Node's `fs` is
 * imported lazily, so this module loads in a browser.
 */
import { ModelFileError } from '../errors.js';

/** A flat set of named files. */
export interface ModelStore {
  /** Writes files in the given order, each atomically where the medium allows. */
  write(files: Array<[name: string, data: Uint8Array]>): Promise<void>;
  /** Reads a whole file; throws ModelFileError when it is missing. */
  read(name: string): Promise<Uint8Array>;
  /** Size in bytes, or undefined when the file does not exist. */
  size(name: string): Promise<number | undefined>;
  /** Lists file names. */
  list(): Promise<string[]>;
  /** Deletes a file if it exists. */
  remove(name: string): Promise<void>;
  /** How a file is named in error messages (a path, or `memory:name`). */
  describe(name: string): string;
}

/**
 * A store kept in memory (browsers, tests).
 *
 * @example
 * const store = memoryStore(); await saveModel(model, store); const again = await loadModel(store);
 */
export function memoryStore(files: Map<string, Uint8Array> = new Map()): ModelStore & { files: Map<string, Uint8Array> } {
  return {
    files,
    async write(entries) {
      for (const [name, data] of entries) files.set(name, data.slice());
    },
    async read(name) {
      const f = files.get(name);
      if (!f) throw new ModelFileError('file not found', `memory:${name}`);
      return f;
    },
    async size(name) {
      return files.get(name)?.byteLength;
    },
    async list() {
      return [...files.keys()];
    },
    async remove(name) {
      files.delete(name);
    },
    describe: (name) => `memory:${name}`,
  };
}

/**
 * A store in a directory of the file system (Node). The directory is created
 * on first write.
 *
 * @example
 * await saveModel(model, directoryStore('runs/mnist/model'));
 */
export function directoryStore(dir: string): ModelStore {
  const node = async () => {
    const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
    return { fs, path };
  };
  const join = (name: string) => `${dir.replace(/[\\/]+$/, '')}/${name}`;
  return {
    async write(entries) {
      const { fs } = await node();
      await fs.mkdir(dir, { recursive: true });
      for (const [name, data] of entries) {
        const target = join(name);
        const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
        const handle = await fs.open(tmp, 'w');
        try {
          await handle.writeFile(data);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(tmp, target);
      }
    },
    async read(name) {
      const { fs } = await node();
      try {
        return new Uint8Array(await fs.readFile(join(name)));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new ModelFileError(code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(e)})`, join(name));
      }
    },
    async size(name) {
      const { fs } = await node();
      try {
        const st = await fs.stat(join(name));
        return st.isFile() ? st.size : undefined;
      } catch {
        return undefined;
      }
    },
    async list() {
      const { fs } = await node();
      try {
        return await fs.readdir(dir);
      } catch {
        return [];
      }
    },
    async remove(name) {
      const { fs } = await node();
      await fs.rm(join(name), { force: true });
    },
    describe: join,
  };
}
