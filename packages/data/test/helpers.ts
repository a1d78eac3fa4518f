import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, expect } from 'vitest';
import { DataError } from '../src/index.js';

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hourglass-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file into a folder and returns its path. */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Asserts that fn throws a DataError with the given fields (and a message matching `message`). */
export function expectDataError(
  fn: () => unknown,
  expected: { file?: string; row?: number; column?: number | string; offset?: number; message?: RegExp } = {},
): DataError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkError(caught, expected);
}

/** The async form of expectDataError. */
export async function expectDataErrorAsync(
  fn: () => Promise<unknown>,
  expected: { file?: string; row?: number; column?: number | string; offset?: number; message?: RegExp } = {},
): Promise<DataError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  return checkError(caught, expected);
}

function checkError(caught: unknown, expected: { file?: string; row?: number; column?: number | string; offset?: number; message?: RegExp }): DataError {
  expect(caught, 'expected a DataError to be thrown').toBeInstanceOf(DataError);
  const e = caught as DataError;
  const { message, ...fields } = expected;
  for (const [key, value] of Object.entries(fields)) expect(e[key as keyof DataError], `${key} of: ${e.message}`).toBe(value);
  if (message) expect(e.message).toMatch(message);
  if (expected.file !== undefined) expect(e.message).toContain(expected.file);
  return e;
}

/** An IDX file: big-endian elements after the header. */
export function encodeIdx(data: ArrayLike<number>, shape: number[], type: 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64' = 'uint8'): Uint8Array {
  const codes = { uint8: 8, int8: 9, int16: 0x0b, int32: 0x0c, float32: 0x0d, float64: 0x0e };
  const sizes = { uint8: 1, int8: 1, int16: 2, int32: 4, float32: 4, float64: 8 };
  const header = 4 + 4 * shape.length;
  const out = new Uint8Array(header + data.length * sizes[type]);
  const view = new DataView(out.buffer);
  out[2] = codes[type];
  out[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < data.length; i++) {
    const at = header + i * sizes[type];
    const v = data[i];
    if (type === 'uint8') view.setUint8(at, v);
    else if (type === 'int8') view.setInt8(at, v);
    else if (type === 'int16') view.setInt16(at, v, false);
    else if (type === 'int32') view.setInt32(at, v, false);
    else if (type === 'float32') view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
  }
  return out;
}

/** Byte-exact equality of two typed arrays (fast, unlike a deep toEqual on millions of elements). */
export function sameArray(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return (
    a.constructor === b.constructor &&
    Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0
  );
}

/** A PNG of w x h pixels; `pixel(x, y)` gives [r, g, b]. */
export function png(w: number, h: number, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
  const image = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [r, g, b] = pixel(x, y);
      image.data.set([r, g, b, 255], (y * w + x) * 4);
    }
  }
  return PNG.sync.write(image);
}

