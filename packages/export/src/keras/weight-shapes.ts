/**
 * The weight shapes a portable layer's configuration implies, checked
 * against the weights it was read with: an imported file whose weights do
 * not fit its own config is refused by layer and weight before anything
 * runs on it.
 */
import { ConfigError } from '@hourglass/core';
import type { PortableLayer, PortableWeight } from '../portable.js';

function expected(layer: PortableLayer): Array<[string, number[], PortableWeight | undefined]> {
  const last = layer.inputShape[layer.inputShape.length - 1];
  const window = (rank: 1 | 2, k: number) => (rank === 1 ? [k] : [k, k]);
  switch (layer.kind) {
    case 'dense':
    case 'timeDense':
      return [
        ['kernel', [last, layer.units], layer.kernel],
        ['bias', [layer.units], layer.bias],
      ];
    case 'conv':
      return [
        ['kernel', [...window(layer.rank, layer.kernelSize), last, layer.filters], layer.kernel],
        ['bias', [layer.filters], layer.bias],
      ];
    case 'convTranspose':
      return [
        ['kernel', [...window(layer.rank, layer.kernelSize), layer.filters, last], layer.kernel],
        ['bias', [layer.filters], layer.bias],
      ];
    case 'recurrent': {
      const gates = (layer.cell === 'lstm' ? 4 : 3) * layer.units;
      return layer.directions.flatMap((d, i) => {
        const dir = layer.directions.length > 1 ? (i === 0 ? 'forward ' : 'backward ') : '';
        return [
          [`${dir}kernel`, [last, gates], d.kernel],
          [`${dir}recurrent kernel`, [layer.units, gates], d.recurrentKernel],
          [`${dir}bias`, layer.cell === 'lstm' ? [gates] : [2, gates], d.bias],
        ] as Array<[string, number[], PortableWeight]>;
      });
    }
    default:
      return [];
  }
}

/**
 * Throws a ConfigError naming the layer and weight whose shape (or number of values) is not what its config implies.
 *
 * @example
 * checkWeightShapes(net.trunk[0]); // throws: layer "dense" kernel: expected [10, 6], the file holds [6, 10]
 */
export function checkWeightShapes(layer: PortableLayer): void {
  for (const [what, shape, weight] of expected(layer)) {
    if (!weight) continue;
    const size = shape.reduce((a, b) => a * b, 1);
    if (weight.shape.length !== shape.length || weight.shape.some((d, i) => d !== shape[i]) || weight.values.length !== size)
      throw new ConfigError(`layer "${layer.name}" (${layer.kind}) ${what}: expected shape [${shape.join(', ')}] from its config and input, the file holds [${weight.shape.join(', ')}]`, {
        field: layer.name,
      });
  }
}
