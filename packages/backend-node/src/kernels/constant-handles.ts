/**
 * Small constants (shapes, axes, split sizes; an optimizer's float32
 * coefficients) kept as TensorFlow
 * handles and reused. tfjs-node's kernels pass these as input tensors made
 * anew for every op: a JavaScript tensor built, tracked by the engine,
 * uploaded, deleted. A training step of a dense autoencoder made about 34 of
 * them (reshapes, reductions, a concat and a split), each costing more than
 * the TensorFlow op it feeds. Here each distinct constant is uploaded once
 * and lives in the binding only, outside the engine (so `tf.memory()` does
 * not count it); the least recently used is deleted when the cache is full.
 */
import type { NativeBackend, NativeBinding } from './native-backend.js';

/** Most constants kept; a training loop uses a few dozen. */
export const CONSTANT_HANDLES_LIMIT = 512;

/**
 * A bounded cache of constant handles for one binding.
 *
 * @example
 * const handles = new ConstantHandles(binding);
 * const shapeId = handles.int32([256, 784]); // a 1-D int32 handle holding [256, 784]
 * const axisId = handles.int32Scalar(0);
 */
export class ConstantHandles {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly binding: NativeBinding,
    private readonly limit = CONSTANT_HANDLES_LIMIT,
  ) {}

  /** Handle of a 1-D int32 tensor holding `values`. */
  int32(values: readonly number[]): number {
    return this.get(`v${values.join(',')}`, [values.length], values, this.binding.TF_INT32);
  }

  /** Handle of an int32 scalar. */
  int32Scalar(value: number): number {
    return this.get(`s${value}`, [], [value], this.binding.TF_INT32);
  }

  /** Handle of a float32 scalar (the value rounded to float32). */
  float32Scalar(value: number): number {
    return this.get(`f${Math.fround(value)}`, [], [value], this.binding.TF_FLOAT);
  }

  /** Number of handles held. */
  get size(): number {
    return this.ids.size;
  }

  private get(key: string, shape: number[], values: readonly number[], dtype: number): number {
    const hit = this.ids.get(key);
    if (hit !== undefined) {
      // most recently used last
      this.ids.delete(key);
      this.ids.set(key, hit);
      return hit;
    }
    const id = this.binding.createTensor(shape, dtype, dtype === this.binding.TF_FLOAT ? Float32Array.from(values) : Int32Array.from(values));
    this.ids.set(key, id);
    if (this.ids.size > this.limit) {
      const [oldKey, oldId] = this.ids.entries().next().value as [string, number];
      this.ids.delete(oldKey);
      this.binding.deleteTensor(oldId);
    }
    return id;
  }
}

const caches = new WeakMap<NativeBinding, ConstantHandles>();

/**
 * The constant cache of `backend`'s binding (one per binding).
 *
 * @example
 * const axisId = constantHandles(backend).int32Scalar(0);
 */
export function constantHandles(backend: NativeBackend): ConstantHandles {
  let cache = caches.get(backend.binding);
  if (!cache) caches.set(backend.binding, (cache = new ConstantHandles(backend.binding)));
  return cache;
}
