/**
 * A portable network as an ONNX model (IR version 8, default opset 13):
 * one float32 input `input` of shape [batch, ...inputShape] with a symbolic
 * batch, channels last exactly as Hourglass takes data, and one output per
 * network output under its name (`reconstruction`, `code`, `logVar`...).
 */
import onnxProto from 'onnx-proto';
import type { PortableNetwork } from '../portable.js';
import { OnnxGraph } from './graph.js';
import { layerOp } from './layer-ops.js';

const { onnx } = onnxProto;

/**
 * The ONNX operator set the models use (a runtime must support it).
 *
 * @example
 * ONNX_OPSET; // 13: onnxruntime >= 1.6, ONNX >= 1.8
 */
export const ONNX_OPSET = 13;

/** Options of {@link onnxModel}. */
export interface OnnxOptions {
  /** The graph's name (default `hourglass_<part>`). */
  graphName?: string;
  /** Written as the model's producer version (default '0.1.0'). */
  producerVersion?: string;
}

function valueInfo(name: string, shape: number[]): onnxProto.onnx.IValueInfoProto {
  const dim = [{ dimParam: 'batch' }, ...shape.map((d) => ({ dimValue: d }))];
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } } };
}

/**
 * `net` as a serialised ONNX ModelProto, ready to write to a `.onnx` file
 * and load in onnxruntime (Node, Python, the browser) or any ONNX tool.
 *
 * @example
 * import * as ort from 'onnxruntime-node';
 * const bytes = onnxModel(portableNetwork(model, { part: 'encoder' }));
 * const session = await ort.InferenceSession.create(bytes);
 * const { code } = await session.run({ input: new ort.Tensor('float32', data, [n, 784]) });
 */
export function onnxModel(net: PortableNetwork, options: OnnxOptions = {}): Uint8Array {
  const names = net.outputs.map((o) => o.name);
  const g = new OnnxGraph(['input', ...names]);
  const trunk = net.trunk.reduce((x, layer) => layerOp(g, layer, x), 'input');
  for (const output of net.outputs) g.identity(output.layers.reduce((x, layer) => layerOp(g, layer, x), trunk), output.name);
  const graph: onnxProto.onnx.IGraphProto = {
    name: options.graphName ?? `hourglass_${net.part}`,
    node: g.nodes,
    initializer: g.initializers,
    input: [valueInfo('input', net.inputShape)],
    output: net.outputs.map((o) => valueInfo(o.name, o.shape)),
  };
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'hourglass',
    producerVersion: options.producerVersion ?? '0.1.0',
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
