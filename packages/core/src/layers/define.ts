/**
 * `defineLayer`: a layer type whose options are validated by a schema, and
 * the helpers builders share (weights, shape checks).
 */
import { tf } from '../tf.js';
import { ShapeError } from '../errors.js';
import type { ObjectSchema, Field } from '../schema.js';
import { initialize, type InitializerName } from './initializers.js';
import { sizeOf } from '../shape.js';
import type { BuildContext, Layer, LayerBuilder, LayerSpec, NamedWeight } from './layer.js';
import { placeholderWeight, recordWeight, weightScope } from './weight-scope.js';

type Shape = Record<string, Field<unknown>>;
type Options<S extends Shape> = ReturnType<ObjectSchema<S>['parse']>;

/** A layer type: its name and builder, ready for `registerLayer`. */
export interface LayerType {
  type: string;
  builder: LayerBuilder;
}

/**
 * Defines layer type `type`: its options are checked by `schema` and passed,
 * parsed, to `build`. Register the result with `registerLayer(t.type, t.builder)`.
 *
 * @example
 * const scale = defineLayer('scale', s.object({ by: s.number() }), (o, shape) => ({ outputShape: shape, weights: [], apply: (x) => tf.mul(x, o.by) }));
 */
export function defineLayer<S extends Shape>(
  type: string,
  schema: ObjectSchema<S>,
  build: (opts: Options<S>, inputShape: number[], ctx: BuildContext) => Omit<Layer, 'type' | 'name' | 'spec' | 'inputShape'>,
): LayerType {
  const builder = (spec: LayerSpec, inputShape: number[], ctx: BuildContext): Layer => {
    const { type: _t, ...rest } = spec;
    const opts = schema.parse(rest, `layer "${ctx.name}" (${type})`);
    const built = build(opts, inputShape, ctx);
    return { type, name: ctx.name, spec: { type, ...opts }, inputShape: [...inputShape], ...built };
  };
  return { type, builder };
}

/**
 * Creates a trainable weight initialised from the layer's seeded stream;
 * `adjust`, if given, may change the initial values in place (an LSTM's
 * forget-gate bias starts at 1).
 *
 * @example
 * const kernel = makeWeight(ctx, 'kernel', [inDim, units], 'glorotUniform', inDim, units);
 */
export function makeWeight(
  ctx: BuildContext,
  weightName: string,
  shape: number[],
  init: InitializerName,
  fanIn: number,
  fanOut: number,
  adjust?: (values: Float32Array) => void,
): NamedWeight {
  if (weightScope()?.allocate === false) return { name: `${ctx.name}/${weightName}`, variable: placeholderWeight(`${ctx.name}/${weightName}`, shape) };
  const size = sizeOf(shape);
  const values = initialize(init, size, fanIn, fanOut, ctx.rng);
  adjust?.(values);
  const initial = tf.tensor(values, shape, 'float32');
  const variable = tf.variable(initial, true);
  initial.dispose();
  recordWeight(variable);
  return { name: `${ctx.name}/${weightName}`, variable };
}

/** Throws a ShapeError unless the input has the expected rank. */
export function expectRank(inputShape: number[], rank: number, what: string): void {
  if (inputShape.length !== rank)
    throw new ShapeError(`expected ${what} (rank ${rank} per sample), got shape [${inputShape.join(', ')}]`);
}

/**
 * Output size of a strided window along one axis ('same': the input divided
 * by the stride, rounded up; 'valid': the whole windows that fit). Throws a
 * ShapeError when nothing is left.
 *
 * @example
 * convOutSize(28, 3, 2, 'same'); // 14
 */
export function convOutSize(inSize: number, kernel: number, stride: number, padding: 'same' | 'valid', dilation = 1): number {
  const eff = (kernel - 1) * dilation + 1;
  const out = padding === 'same' ? Math.ceil(inSize / stride) : Math.floor((inSize - eff) / stride) + 1;
  if (out < 1) throw new ShapeError(`window of ${eff} with stride ${stride} and padding "${padding}" does not fit an axis of size ${inSize}`);
  return out;
}
