/**
 * An ONNX graph under construction: nodes appended in order, weights and
 * constants as initializers, and value names made unique from readable
 * stems (a layer's name plus what the value is, e.g. `encoder_conv2d_0_nchw`).
 * Float data is stored raw (little-endian float32), shapes and indices as
 * int64, as the ONNX spec asks.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type INodeProto = onnxProto.onnx.INodeProto;
type ITensorProto = onnxProto.onnx.ITensorProto;
type IAttributeProto = onnxProto.onnx.IAttributeProto;

/** An attribute value, typed as ONNX wants it (an int is not a float there). */
export type OnnxAttribute =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] }
  | { string: string }
  | { strings: string[] };

const AttributeType = onnx.AttributeProto.AttributeType;
const encoder = new TextEncoder();

function attributeProto(name: string, a: OnnxAttribute): IAttributeProto {
  if ('int' in a) return { name, type: AttributeType.INT, i: a.int };
  if ('float' in a) return { name, type: AttributeType.FLOAT, f: a.float };
  if ('ints' in a) return { name, type: AttributeType.INTS, ints: a.ints };
  if ('floats' in a) return { name, type: AttributeType.FLOATS, floats: a.floats };
  if ('string' in a) return { name, type: AttributeType.STRING, s: encoder.encode(a.string) };
  return { name, type: AttributeType.STRINGS, strings: a.strings.map((s) => encoder.encode(s)) };
}

const bytesOf = (view: Float32Array | BigInt64Array) => new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));

/**
 * Nodes and initializers of one graph, with unique value names.
 *
 * @example
 * const g = new OnnxGraph(['input', 'code']);
 * const y = g.op('Relu', ['input'], {}, 'encoder_relu');
 */
export class OnnxGraph {
  readonly nodes: INodeProto[] = [];
  readonly initializers: ITensorProto[] = [];
  private readonly taken = new Set<string>();

  /** `reserved`: names the graph's inputs and outputs keep, never handed out. */
  constructor(reserved: string[] = []) {
    reserved.forEach((n) => this.taken.add(n));
  }

  /** A value name not used before: `stem`, or `stem_1`, `stem_2`, ... */
  fresh(stem: string): string {
    let name = stem;
    for (let i = 1; this.taken.has(name); i++) name = `${stem}_${i}`;
    this.taken.add(name);
    return name;
  }

  /** Appends a node of `opType` with `outputs` results (named from `stem`); returns their names. */
  ops(opType: string, inputs: string[], attributes: Record<string, OnnxAttribute>, stem: string, outputs: number): string[] {
    const names = Array.from({ length: outputs }, (_, i) => this.fresh(outputs === 1 ? stem : `${stem}_${i}`));
    const attribute = Object.entries(attributes).map(([name, a]) => attributeProto(name, a));
    this.nodes.push({ opType, input: inputs, output: names, name: names[0], attribute });
    return names;
  }

  /** Appends a node of `opType` with one result named from `stem`; returns its name. */
  op(opType: string, inputs: string[], attributes: Record<string, OnnxAttribute>, stem: string): string {
    return this.ops(opType, inputs, attributes, stem, 1)[0];
  }

  /** Appends a node that writes `input` to the value `name` (a reserved graph output). */
  identity(input: string, name: string): void {
    this.nodes.push({ opType: 'Identity', input: [input], output: [name], name });
  }

  /** A float32 initializer of shape `dims`; returns its name. */
  floats(stem: string, values: Float32Array, dims: number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new Error(`ONNX initializer "${stem}": ${values.length} values for shape [${dims.join(', ')}] (${size} expected)`);
    const name = this.fresh(stem);
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytesOf(values) });
    return name;
  }

  /** A 1-D int64 initializer (a shape, axes, starts...); returns its name. */
  ints(stem: string, values: number[]): string {
    const name = this.fresh(stem);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: bytesOf(data) });
    return name;
  }

  /** Reshapes `input` to `[batch, ...shape]` (the batch copied from the input). */
  reshape(input: string, shape: number[], stem: string): string {
    return this.op('Reshape', [input, this.ints(`${stem}_shape`, [0, ...shape])], {}, stem);
  }

  /** Transposes `input` by `perm`. */
  transpose(input: string, perm: number[], stem: string): string {
    return this.op('Transpose', [input], { perm: { ints: perm } }, stem);
  }
}
