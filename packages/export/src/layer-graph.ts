/**
 * A portable network as the layer graph of a functional model in a
 * Keras-like format: each portable layer expanded into that format's layers
 * (one, or a few where the format needs a detour), each called on the
 * previous one's output, the trunk first from the input, then each output's
 * chain from the trunk's end. An output with no layer of its own (or an
 * empty network) is given an identity layer, since formats name outputs by
 * layer.
 */
import type { PortableLayer, PortableNetwork } from './portable.js';

/** The name of the input layer of every exported functional model. */
export const INPUT = 'input';

/** One layer of the graph and the layer it is called on. */
export interface GraphNode<L> {
  layer: L;
  inbound: string;
}

/**
 * The nodes of `net` in calling order and the names of its output layers.
 *
 * @example
 * const { nodes, outputs } = layerGraph(net, tfjsLayersOf, () => identityLayer);
 */
export function layerGraph<L extends { name: string }>(
  net: PortableNetwork,
  expand: (layer: PortableLayer) => L[],
  identity: (shape: number[]) => L & { name: 'identity' },
): { nodes: Array<GraphNode<L>>; outputs: string[] } {
  const nodes: Array<GraphNode<L>> = [];
  const chain = (layers: PortableLayer[], from: string): string => {
    let last = from;
    for (const layer of layers)
      for (const l of expand(layer)) {
        nodes.push({ layer: l, inbound: last });
        last = l.name;
      }
    return last;
  };
  const trunkEnd = chain(net.trunk, INPUT);
  const outputs = net.outputs.map((o) => chain(o.layers, trunkEnd));
  if (!outputs.includes(INPUT)) return { nodes, outputs };
  const trunkShape = net.trunk.length ? net.trunk[net.trunk.length - 1].outputShape : net.inputShape;
  nodes.push({ layer: identity(trunkShape), inbound: INPUT });
  return { nodes, outputs: outputs.map((o) => (o === INPUT ? 'identity' : o)) };
}
