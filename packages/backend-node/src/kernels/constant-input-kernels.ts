/**
 * tfjs-node's kernels for the ops that take a small int32 constant as an
 * input (Reshape's shape, a reduction's axes, Concat's axis, SplitV's sizes
 * and axis), re-registered to run the same TensorFlow op with the same
 * attributes on a cached constant handle (`constant-handles.ts`) instead of
 * a tensor made for each call. Mean also skips the cast to float32 that the
 * stock kernel runs on float32 input (a Cast op that copies).
 */
import { backend_util, util, type DataType, type KernelConfig, type KernelFunc, type NamedAttrMap, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { constantHandles } from './constant-handles.js';
import { runWithConstants, typeAttr, type NativeBackend, type OpAttr } from './native-backend.js';

const BACKEND = 'tensorflow';

type Args = { inputs: Record<string, TensorInfo>; attrs?: NamedAttrMap; backend: unknown };

function kernel(kernelName: string, run: (backend: NativeBackend, inputs: TensorInfo[], attrs: NamedAttrMap) => Tensor | Tensor[]): KernelConfig {
  const kernelFunc = ((args: Args) => {
    const inputs = kernelName === 'Concat' ? (args.inputs as unknown as TensorInfo[]) : [args.inputs.x];
    return run(args.backend as NativeBackend, Array.from(inputs), args.attrs ?? {});
  }) as unknown as KernelFunc;
  return { kernelName, backendName: BACKEND, kernelFunc };
}

const reductionAttrs = (b: NativeBackend, dtype: DataType, keepDims: unknown): OpAttr[] => [
  { name: 'keep_dims', type: b.binding.TF_ATTR_BOOL, value: keepDims === true },
  typeAttr(b, 'T', dtype),
  typeAttr(b, 'Tidx', 'int32'),
];

/** A reduction over the axes in attribute `axisAttr`. */
function reduction(kernelName: string, axisAttr = 'axis'): KernelConfig {
  return kernel(kernelName, (b, [x], attrs) => {
    const axes = util.parseAxisParam(attrs[axisAttr] as number | number[], x.shape);
    return runWithConstants(b, kernelName, reductionAttrs(b, x.dtype, attrs.keepDims), [x], [constantHandles(b).int32(axes)])[0];
  });
}

const reshape = kernel('Reshape', (b, [x], attrs) =>
  runWithConstants(b, 'Reshape', [typeAttr(b, 'T', x.dtype), typeAttr(b, 'Tshape', 'int32')], [x], [constantHandles(b).int32(attrs.shape as number[])])[0],
);

const mean = reduction('Mean');

const concat = kernel('Concat', (b, xs, attrs) => {
  const attrsList: OpAttr[] = [
    { name: 'N', type: b.binding.TF_ATTR_INT, value: xs.length },
    typeAttr(b, 'Tidx', 'int32'),
    typeAttr(b, 'T', xs[0].dtype),
  ];
  return runWithConstants(b, 'ConcatV2', attrsList, xs, [constantHandles(b).int32Scalar(attrs.axis as number)])[0];
});

const splitV = kernel('SplitV', (b, [x], attrs) => {
  const axis = util.parseAxisParam(attrs.axis as number, x.shape)[0];
  const sizes = backend_util.prepareSplitSize(x as unknown as Tensor, attrs.numOrSizeSplits as number | number[], axis);
  const attrsList: OpAttr[] = [{ name: 'num_split', type: b.binding.TF_ATTR_INT, value: sizes.length }, typeAttr(b, 'T', x.dtype), typeAttr(b, 'Tlen', 'int32')];
  const handles = constantHandles(b);
  return runWithConstants(b, 'SplitV', attrsList, [x], [handles.int32(sizes), handles.int32Scalar(axis)], sizes.length);
});

/**
 * The kernels to register for the 'tensorflow' backend. Mean on other than
 * float32 input goes to the kernel `stock` gives when it runs (tfjs-node's,
 * which casts it to float32 first).
 */
export function constantInputKernels(stock: (name: string) => KernelConfig | undefined): KernelConfig[] {
  const meanOrStock: KernelConfig = {
    ...mean,
    kernelFunc: ((args: Args) => {
      const stockMean = stock('Mean');
      if (args.inputs.x.dtype === 'float32' || !stockMean) return (mean.kernelFunc as unknown as (a: Args) => Tensor)(args);
      return (stockMean.kernelFunc as unknown as (a: Args) => Tensor)(args);
    }) as unknown as KernelFunc,
  };
  return [reshape, reduction('Sum'), reduction('Max', 'reductionIndices'), reduction('Min'), reduction('Prod'), meanOrStock, concat, splitV];
}
