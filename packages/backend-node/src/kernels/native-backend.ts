/**
 * The parts of tfjs-node's backend object (`NodeJSKernelBackend`) and its
 * binding that this package's kernels use. tfjs-node exports no types for
 * them; these are the methods its own kernels call, unchanged since 1.x.
 */
import type { DataType, Tensor, TensorInfo } from '@tensorflow/tfjs-core';

/** One op attribute as the binding takes it. */
export interface OpAttr {
  name: string;
  type: number;
  value: unknown;
}

/** What the binding returns for each output of an op. */
export interface OutputMetadata {
  id: number;
  shape: number[];
  dtype: number;
}

/** tfjs-node's native binding (the methods used here). */
export interface NativeBinding {
  readonly TF_ATTR_TYPE: number;
  readonly TF_ATTR_INT: number;
  readonly TF_ATTR_BOOL: number;
  readonly TF_ATTR_STRING: number;
  readonly TF_INT32: number;
  readonly TF_FLOAT: number;
  /** Uploads values into a new TensorFlow tensor handle; returns its id. */
  createTensor(shape: number[], dtype: number, values: Int32Array | Float32Array): number;
  deleteTensor(id: number): void;
  /** Runs one TensorFlow op eagerly on handle ids. */
  executeOp(name: string, attrs: OpAttr[], inputIds: number[], numOutputs: number): OutputMetadata[];
}

/** tfjs-node's backend object (the methods used here). */
export interface NativeBackend {
  readonly binding: NativeBinding;
  /** Handle ids of tensors, uploading values still held in JavaScript. */
  getInputTensorIds(tensors: TensorInfo[]): number[];
  /** Wraps an op's output handle as a tensor of the engine. */
  createOutputTensor(metadata: OutputMetadata): Tensor;
  getDTypeInteger(dtype: DataType): number;
  /** One more reference to `dataId` (an output sharing an input's handle). */
  incRef(dataId: object): void;
}

/**
 * Runs `op` on `inputs` followed by the constant handles `constants` and
 * returns its outputs as engine tensors.
 */
export function runWithConstants(backend: NativeBackend, op: string, attrs: OpAttr[], inputs: TensorInfo[], constants: number[], numOutputs = 1): Tensor[] {
  const ids = backend.getInputTensorIds(inputs);
  for (const id of constants) ids.push(id);
  return backend.binding.executeOp(op, attrs, ids, numOutputs).map((m) => backend.createOutputTensor(m));
}

/** The `T` (or other type) attribute for `dtype`. */
export function typeAttr(backend: NativeBackend, name: string, dtype: DataType): OpAttr {
  return { name, type: backend.binding.TF_ATTR_TYPE, value: backend.getDTypeInteger(dtype) };
}
