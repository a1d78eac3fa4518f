/**
 * A saved model chosen by a user as files: the `FileList` of an
 * `<input type="file" multiple>` (or `webkitdirectory`), a drop, or any
 * list of `File` / named `Blob`s, in a browser or in Node 20+. Read-only;
 * files are matched by their base name (`model.json`, `weights-….bin`), so
 * a folder picked whole works as well as its files picked one by one.
 * A name given twice is refused: which of the two is meant is unknowable.
 */
import { ModelFileError } from '../errors.js';
import type { ModelStore } from './store-contract.js';

/** What a store of files needs of each: a `File`, or a `Blob` given a name. */
export interface NamedBlob {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** True when `target` is a non-empty list of named blobs (a FileList, a File[]). */
export function isFileSet(target: unknown): target is ArrayLike<NamedBlob> {
  if (typeof target !== 'object' || target === null || typeof (target as ArrayLike<unknown>).length !== 'number') return false;
  const first = (target as ArrayLike<unknown>)[0] as Partial<NamedBlob> | undefined;
  return typeof first?.name === 'string' && typeof first.arrayBuffer === 'function';
}

const baseName = (name: string) => name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

/**
 * A read-only store over `files`.
 *
 * @example
 * input.onchange = async () => { const model = await loadModel(fileSetStore(input.files!)); };
 */
export function fileSetStore(files: ArrayLike<NamedBlob>): ModelStore {
  const byName = new Map<string, NamedBlob>();
  for (let i = 0; i < files.length; i++) {
    const name = baseName(files[i].name);
    if (byName.has(name)) throw new ModelFileError(`is given twice among the chosen files; choose one model's files`, `file:${name}`);
    byName.set(name, files[i]);
  }
  const describe = (name: string) => (byName.has(name) ? `file:${name}` : `file:${name} (not among the chosen files ${[...byName.keys()].join(', ')}: choose a model's model.json and weights files together)`);
  const readOnly = () => {
    throw new ModelFileError('is a set of chosen files, which is read-only; save to a directory, a store or an IO handler', describe('(files)'));
  };
  return {
    async read(name) {
      const file = byName.get(name);
      if (!file) throw new ModelFileError('file not found', describe(name));
      return new Uint8Array(await file.arrayBuffer());
    },
    async size(name) {
      return byName.get(name)?.size;
    },
    async list() {
      return [...byName.keys()];
    },
    write: async () => readOnly(),
    remove: async () => readOnly(),
    describe,
  };
}
