/**
 * Core's fused Adam update (`ADAM_KERNEL`, contract in core's
 * `train/optimizer-kernels.ts`) on TensorFlow: the same TensorFlow ops as
 * core's plain rule, in its order (so the same bits), issued straight to the
 * binding as one kernel. The twelve or so intermediate handles never enter
 * the engine (no tensor objects, no tracking, no scope), and the constants
 * are cached handles; only the step size, new each step, is uploaded.
 */
import { ADAM_KERNEL, type AdamKernelAttrs } from '@hourglass/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { constantHandles } from './constant-handles.js';
import { typeAttr, type NativeBackend, type OutputMetadata } from './native-backend.js';

type Args = { inputs: { w: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo }; attrs: AdamKernelAttrs; backend: unknown };

const adam = ((args: Args) => {
  const b = args.backend as NativeBackend;
  const { w, g, m, v } = args.inputs;
  for (const [name, t] of Object.entries({ g, m, v }))
    if (t.dtype !== 'float32' || t.shape.join() !== w.shape.join())
      throw new Error(`${ADAM_KERNEL}: ${name} must be float32 of w's shape [${w.shape.join(', ')}], got ${t.dtype} [${t.shape.join(', ')}]`);
  const a = args.attrs;
  const c = constantHandles(b);
  const T = [typeAttr(b, 'T', 'float32')];
  const temps: number[] = [];
  let kept = new Set<number>();
  const run = (op: string, ...inputs: number[]): OutputMetadata => {
    const [out] = b.binding.executeOp(op, T, inputs, 1);
    temps.push(out.id);
    return out;
  };
  const [wId, gIn, mId, vId] = b.getInputTensorIds([w, g, m, v]);
  const lr = b.binding.createTensor([], b.binding.TF_FLOAT, Float32Array.of(a.learningRate));
  temps.push(lr);
  try {
    const gId = a.weightDecay > 0 ? run('Add', gIn, run('Mul', wId, c.float32Scalar(a.weightDecay)).id).id : gIn;
    const m2 = run('Add', run('Mul', mId, c.float32Scalar(a.beta1)).id, run('Mul', gId, c.float32Scalar(a.oneMinusBeta1)).id);
    const v2 = run('Add', run('Mul', vId, c.float32Scalar(a.beta2)).id, run('Mul', run('Square', gId).id, c.float32Scalar(a.oneMinusBeta2)).id);
    const step = run('RealDiv', run('Mul', m2.id, lr).id, run('Add', run('Sqrt', v2.id).id, c.float32Scalar(a.epsilon)).id);
    const w2 = run('Sub', wId, step.id);
    const outs = [w2, m2, v2];
    kept = new Set(outs.map((o) => o.id));
    return outs.map((o) => b.createOutputTensor(o));
  } finally {
    for (const id of temps) if (!kept.has(id)) b.binding.deleteTensor(id);
  }
}) as unknown as KernelFunc;

/** The kernel, for the 'tensorflow' backend. */
export const adamConfig: KernelConfig = { kernelName: ADAM_KERNEL, backendName: 'tensorflow', kernelFunc: adam };
