/** What a model store is: the interface every storage medium implements. */

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
  /** Names that writes still in progress will publish (a cleanup keeps them). */
  inProgress?(): Promise<Set<string>>;
  /** Moves a file out of sight under a new name, returned; undefined when it does not exist. */
  setAside?(name: string): Promise<string | undefined>;
  /** Moves a file set aside back to `name`. */
  restore?(aside: string, name: string): Promise<void>;
}
