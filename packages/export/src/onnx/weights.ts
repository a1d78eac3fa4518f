/**
 * Weight layout changes between Keras' layouts (the portable network's)
 * and ONNX's: axis permutations of a dense array, and reordering blocks of
 * gate columns.
 */
import type { PortableWeight } from '../portable.js';

/**
 * `w` with its axes permuted: axis `i` of the result is axis `perm[i]` of `w`.
 *
 * @example
 * permuted({ shape: [2, 3], values }, [1, 0]); // the transpose, shape [3, 2]
 */
export function permuted(w: PortableWeight, perm: number[]): PortableWeight {
  const shape = perm.map((a) => w.shape[a]);
  const strides = w.shape.map((_, a) => w.shape.slice(a + 1).reduce((x, y) => x * y, 1));
  const values = new Float32Array(w.values.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let out = 0; out < values.length; out++) {
    let from = 0;
    for (let i = 0; i < shape.length; i++) from += index[i] * strides[perm[i]];
    values[out] = w.values[from];
    for (let i = shape.length - 1; i >= 0 && ++index[i] === shape[i]; i--) index[i] = 0;
  }
  return { shape, values };
}

/**
 * The last axis of `w`, cut into `order.length` equal blocks, put in `order`
 * (block `order[j]` of `w` becomes block j).
 *
 * @example
 * reorderedBlocks(lstmKernel, [0, 3, 1, 2]); // Keras' gates i, f, c, o as ONNX's i, o, f, c
 */
export function reorderedBlocks(w: PortableWeight, order: number[]): PortableWeight {
  const last = w.shape[w.shape.length - 1];
  const block = last / order.length;
  const values = new Float32Array(w.values.length);
  for (let row = 0; row < w.values.length / last; row++)
    order.forEach((from, to) => values.set(w.values.subarray(row * last + from * block, row * last + (from + 1) * block), row * last + to * block));
  return { shape: [...w.shape], values };
}
