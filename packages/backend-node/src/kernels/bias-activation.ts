/**
 * Core's fused bias-and-activation kernels (`BIAS_ACTIVATION_KERNELS`,
 * contract in core's `bias-activation-kernels.ts`) on TensorFlow's own ops.
 * Forward: `BiasAdd`, then `Relu` for relu (the intermediate handle deleted
 * in the binding, never seen by the engine). Gradient: `ReluGrad` (dy where
 * y > 0, else 0: the plain ops' dy * step(y)) and `BiasAddGrad` (the sums
 * over every axis but the last). Core's plain gradient made the step, the
 * product and a column sum by a product with ones: four or five kernels
 * and a tensor uploaded per layer, where these make two.
 */
import { BIAS_ACTIVATION_KERNELS } from '@hourglass/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { typeAttr, type NativeBackend, type OpAttr } from './native-backend.js';

const BACKEND = 'tensorflow';

type Args = { inputs: Record<string, TensorInfo>; attrs: { activation: string }; backend: unknown };

const nhwc = (b: NativeBackend, dtype: TensorInfo['dtype']): OpAttr[] => [typeAttr(b, 'T', dtype), { name: 'data_format', type: b.binding.TF_ATTR_STRING, value: 'NHWC' }];

function checkActivation(activation: string): void {
  if (activation !== 'relu' && activation !== 'linear')
    throw new Error(`${BIAS_ACTIVATION_KERNELS.forward}: activation must be 'relu' or 'linear', got '${activation}'`);
}

const forward = ((args: Args) => {
  const b = args.backend as NativeBackend;
  const { x, bias } = args.inputs;
  checkActivation(args.attrs.activation);
  const [sum] = b.binding.executeOp('BiasAdd', nhwc(b, x.dtype), b.getInputTensorIds([x, bias]), 1);
  if (args.attrs.activation === 'linear') return b.createOutputTensor(sum);
  try {
    const [y] = b.binding.executeOp('Relu', [typeAttr(b, 'T', x.dtype)], [sum.id], 1);
    return b.createOutputTensor(y);
  } finally {
    b.binding.deleteTensor(sum.id);
  }
}) as unknown as KernelFunc;

const gradient = ((args: Args) => {
  const b = args.backend as NativeBackend;
  const { dy, y } = args.inputs;
  checkActivation(args.attrs.activation);
  let dPre: TensorInfo;
  if (args.attrs.activation === 'relu') {
    dPre = b.createOutputTensor(b.binding.executeOp('ReluGrad', [typeAttr(b, 'T', dy.dtype)], b.getInputTensorIds([dy, y]), 1)[0]);
  } else {
    // linear: dPre is dy itself, shared as tfjs-node's Identity shares it
    b.incRef(dy.dataId);
    dPre = { dataId: dy.dataId, shape: dy.shape, dtype: dy.dtype };
  }
  const [dBias] = b.binding.executeOp('BiasAddGrad', nhwc(b, dy.dtype), b.getInputTensorIds([dPre]), 1);
  return [dPre, b.createOutputTensor(dBias)];
}) as unknown as KernelFunc;

/** The two kernels, for the 'tensorflow' backend. */
export const biasActivationConfigs: KernelConfig[] = [
  { kernelName: BIAS_ACTIVATION_KERNELS.forward, backendName: BACKEND, kernelFunc: forward },
  { kernelName: BIAS_ACTIVATION_KERNELS.gradient, backendName: BACKEND, kernelFunc: gradient },
];
