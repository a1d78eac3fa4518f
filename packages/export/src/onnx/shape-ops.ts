/**
 * The layers that move entries without arithmetic, on channels-last values:
 * nearest upsampling (each entry repeated by a Reshape, Expand, Reshape
 * sequence, exact for an integer factor), cropping (Slice), flattening and
 * reshaping (Reshape, the batch axis copied), and repeating a vector along
 * a new time axis (Reshape then Expand).
 */
import type { PortableLayer } from '../portable.js';
import type { OnnxGraph } from './graph.js';

type Layer<K extends PortableLayer['kind']> = Extract<PortableLayer, { kind: K }>;

/**
 * Nearest upsampling by `size` along every spatial axis: [n, h, w, c] -> [n, h, 1, w, 1, c] -> [n, h, s, w, s, c] -> [n, h s, w s, c].
 *
 * @example
 * const y = upsampleOp(g, layer, x);
 */
export function upsampleOp(g: OnnxGraph, layer: Layer<'upsample'>, input: string): string {
  const spatial = layer.inputShape.slice(0, -1);
  const channels = layer.inputShape[layer.inputShape.length - 1];
  const spread = g.reshape(input, [...spatial.flatMap((d) => [d, 1]), channels], `${layer.name}_spread`);
  const reps = g.ints(`${layer.name}_reps`, [1, ...spatial.flatMap(() => [1, layer.size]), 1]);
  const expanded = g.op('Expand', [spread, reps], {}, `${layer.name}_expand`);
  return g.reshape(expanded, layer.outputShape, layer.name);
}

/**
 * Cropping: `start[a]` entries off the front and `end[a]` off the back of spatial axis a.
 *
 * @example
 * const y = cropOp(g, layer, x);
 */
export function cropOp(g: OnnxGraph, layer: Layer<'crop'>, input: string): string {
  const axes = layer.start.map((_, a) => a + 1);
  const ends = layer.start.map((_, a) => layer.inputShape[a] - layer.end[a]);
  return g.op(
    'Slice',
    [input, g.ints(`${layer.name}_starts`, layer.start), g.ints(`${layer.name}_ends`, ends), g.ints(`${layer.name}_axes`, axes)],
    {},
    layer.name,
  );
}

/**
 * A vector repeated `n` times along a new time axis: [n, f] -> [n, 1, f] -> [n, steps, f].
 *
 * @example
 * const y = repeatOp(g, layer, x);
 */
export function repeatOp(g: OnnxGraph, layer: Layer<'repeat'>, input: string): string {
  const one = g.reshape(input, [1, ...layer.inputShape], `${layer.name}_step`);
  return g.op('Expand', [one, g.ints(`${layer.name}_reps`, [1, layer.n, ...layer.inputShape.map(() => 1)])], {}, layer.name);
}
