/**
 * Where saved models live. A `ModelStore` is a flat set of named files; the
 * saver writes weights first and `model.json` last, so a reader never sees a
 * `model.json` whose weights are incomplete.
 *
 * `directoryStore` (Node, `directory-store.ts`) writes each file to a
 * temporary name and renames it into place, so a crash mid-save leaves the
 * previous model intact. `memoryStore` keeps files in a Map, for browsers and
 * tests. Node's `fs` is imported lazily, so this module loads in a browser.
 *
 * The optional methods let a saver remove old weight files safely while
 * other savers and loaders work on the same store (see `prune.ts`); a store
 * without them is pruned by plain removal.
 */
import { ModelFileError } from '../errors.js';
import { directoryStore, type DirectoryStoreOptions } from './directory-store.js';
import { isHttpUrl, urlStore } from './url-store.js';
import type { ModelStore } from './store-contract.js';
import { fileSetStore, isFileSet, type NamedBlob } from './file-set-store.js';

export type { ModelStore };

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
    async setAside(name) {
      const f = files.get(name);
      if (!f) return undefined;
      const aside = `${name}.aside-${files.size}-${Math.random().toString(36).slice(2)}`;
      files.set(aside, f);
      files.delete(name);
      return aside;
    },
    async restore(aside, name) {
      const f = files.get(aside);
      if (f) files.set(name, f);
      files.delete(aside);
    },
    // Writes complete within one call, so none is ever in progress.
    inProgress: async () => new Set(),
    describe: (name) => `memory:${name}`,
  };
}

/**
 * The store a save or load target names: a directory path (or the path of
 * its model.json), an http(s) URL of a model folder or of its model.json
 * (read-only, `urlStore`), a list of chosen files (a `FileList`; read-only,
 * `fileSetStore`), or a store.
 *
 * @example
 * const store = toStore('runs/mnist/model'); // a directoryStore
 */
export function toStore(target: string | ModelStore | ArrayLike<NamedBlob>): ModelStore {
  if (isFileSet(target)) return fileSetStore(target);
  if (typeof target !== 'string') return target as ModelStore;
  if (isHttpUrl(target)) return urlStore(target);
  // the path of a model's model.json names its folder
  return directoryStore(/(^|[\\/])model\.json$/i.test(target) ? target.replace(/[\\/]?model\.json$/i, '') || '.' : target);
}

export { directoryStore, type DirectoryStoreOptions };
export { urlStore, type UrlStoreOptions } from './url-store.js';
export { fileSetStore, type NamedBlob };
