/**
 * `Identity` without a copy. The stock wasm kernel copies the tensor's
 * bytes, and tfjs runs Identity for every tensor a custom gradient saves
 * (`engine.clone`): the dense, conv and loss ops of a training step save
 * their inputs and outputs, so a conv autoencoder copied about 30 activation
 * tensors a step. Tensors are immutable and the wasm backend counts
 * references per data id (its Reshape shares data the same way, as the cpu
 * backend's Identity does), so the output shares the input's data. Strings
 * (no heap data) still go to the stock kernel.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { markOurs } from './marker.js';

export function withSharedIdentity(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === 'string') return stock.kernelFunc(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { ...stock, kernelFunc: markOurs(kernelFunc) };
}
