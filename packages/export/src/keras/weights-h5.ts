/**
 * `model.weights.h5`, the HDF5 file of a `.keras` archive, written and read
 * with h5wasm (HDF5 compiled to WebAssembly). h5wasm is ESM-only, so it is
 * loaded on first use with a dynamic import (the CommonJS build of this
 * package works too). Its default build keeps files in memory (Emscripten's
 * MEMFS), which works in Node and in browsers alike: the bytes go in and
 * come out without touching a disk.
 */
import type { PortableWeight } from '../portable.js';

type H5 = typeof import('h5wasm');
let h5: Promise<{ lib: H5; fs: { readFile(path: string): Uint8Array; writeFile(path: string, data: Uint8Array): void; unlink(path: string): void } }> | undefined;

async function loadH5() {
  h5 ??= import('h5wasm').then(async (m) => {
    const lib = (m as unknown as { default?: H5 }).default ?? m;
    const module = (await lib.ready) as unknown as { FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: Uint8Array): void; unlink(path: string): void } };
    return { lib, fs: module.FS };
  });
  return h5;
}

let files = 0;

/** `fn` on a fresh in-memory file name, removed afterwards. */
async function inMemoryFile<T>(fn: (file: string, fs: Awaited<ReturnType<typeof loadH5>>['fs'], lib: H5) => T): Promise<T> {
  const { lib, fs } = await loadH5();
  const file = `/hourglass-${++files}.h5`;
  try {
    return fn(file, fs, lib);
  } finally {
    try {
      fs.unlink(file);
    } catch {
      // never created
    }
  }
}

/** What goes into the file: groups (with the `name` attribute Keras puts on their `vars`) and float32 datasets. */
export interface H5Contents {
  groups: Array<{ path: string; name: string }>;
  datasets: Array<{ path: string; weight: PortableWeight }>;
}

/**
 * The HDF5 bytes of `contents`.
 *
 * @example
 * const bytes = await writeWeightsH5({ groups: [{ path: '', name: 'model' }], datasets: [{ path: 'layers/dense/vars/0', weight }] });
 */
export async function writeWeightsH5(contents: H5Contents): Promise<Uint8Array> {
  return inMemoryFile((file, fs, { File, Group }) => {
    const f = new File(file, 'w');
    try {
      const made = new Set<string>(['']);
      const ensure = (path: string) => {
        const parts = path.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++) {
          const p = parts.slice(0, i).join('/');
          if (!made.has(p)) f.create_group(p);
          made.add(p);
        }
      };
      for (const g of contents.groups) {
        const vars = g.path ? `${g.path}/vars` : 'vars';
        ensure(vars);
        (f.get(vars) as InstanceType<typeof Group>).create_attribute('name', g.name);
      }
      for (const { path, weight } of contents.datasets) {
        ensure(path.slice(0, path.lastIndexOf('/')));
        f.create_dataset({ name: path, data: weight.values, shape: weight.shape, dtype: '<f' });
      }
    } finally {
      f.close();
    }
    return new Uint8Array(fs.readFile(file));
  });
}

/**
 * Every dataset of an HDF5 file by path, with its shape, dtype and (for float32) values.
 *
 * @example
 * const datasets = await readWeightsH5(bytes); // Map { 'layers/dense/vars/0' => { shape: [12, 8], dtype: '<f', values } }
 */
export async function readWeightsH5(bytes: Uint8Array): Promise<Map<string, { shape: number[]; dtype: string; values?: Float32Array }>> {
  return inMemoryFile((file, fs, mod) => {
    fs.writeFile(file, bytes);
    const f = new mod.File(file, 'r');
    const out = new Map<string, { shape: number[]; dtype: string; values?: Float32Array }>();
    try {
      for (const path of f.paths()) {
        const entity = f.get(path);
        if (!(entity instanceof mod.Dataset)) continue;
        const dtype = String(entity.dtype);
        const shape = entity.shape ?? [];
        const value = dtype === '<f' ? entity.value : undefined;
        out.set(path.replace(/^\//, ''), { shape, dtype, values: value instanceof Float32Array ? Float32Array.from(value) : undefined });
      }
    } finally {
      f.close();
    }
    return out;
  });
}
