/**
 * `model.weights.h5`, the HDF5 file of a `.keras` archive, written and read
 * with h5wasm (HDF5 compiled to WebAssembly). h5wasm is ESM-only and its
 * Node build works on the host file system, so it is loaded on first use
 * with a dynamic import (the CommonJS build of this package works too) and
 * the bytes pass through a private temporary directory.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PortableWeight } from '../portable.js';

type H5 = typeof import('h5wasm/node');
let h5: Promise<H5> | undefined;

async function loadH5(): Promise<H5> {
  h5 ??= import('h5wasm/node').then(async (m) => {
    const mod = (m as unknown as { default?: H5 }).default ?? m;
    await mod.ready;
    return mod;
  });
  return h5;
}

async function inTempDir<T>(fn: (file: string) => T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-h5-'));
  try {
    return fn(join(dir, 'model.weights.h5'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
  const { File, Group } = await loadH5();
  return inTempDir((file) => {
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
    return new Uint8Array(readFileSync(file));
  });
}

/**
 * Every dataset of an HDF5 file by path, with its shape, dtype and (for float32) values.
 *
 * @example
 * const datasets = await readWeightsH5(bytes); // Map { 'layers/dense/vars/0' => { shape: [12, 8], dtype: '<f', values } }
 */
export async function readWeightsH5(bytes: Uint8Array): Promise<Map<string, { shape: number[]; dtype: string; values?: Float32Array }>> {
  const mod = await loadH5();
  return inTempDir((file) => {
    writeFileSync(file, bytes);
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
