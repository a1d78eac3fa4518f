/**
 * A standard encoder-decoder, read from another tool as a portable network,
 * as an Hourglass model: a recipe with the `layers` architecture
 * (@hourglass/variant-layers) holding the encoder's and decoder's layer
 * specs, and the network's weights copied in.
 *
 * Two things an autoencoder built elsewhere leaves implicit are decided
 * here. The code: the output of the layer named by `split`, by default the
 * narrowest layer (fewest values per sample; the first of equals). The
 * loss: a network ending in a sigmoid reconstructs data in [0, 1] and
 * becomes a BCE model (the sigmoid moves into the loss), one ending in a
 * softmax a multinomial model, any other an MSE model. Hourglass then
 * computes exactly what the network did.
 */
import { Autoencoder, ConfigError, registerVariant, tf, type LayerSpec, type ReconstructionLossName } from '@hourglass/core';
import { layers as layersVariant } from '@hourglass/variant-layers';
import type { PortableActivation, PortableLayer, PortableNetwork } from '../portable.js';
import { importedLayer, type ImportedLayer } from './layer-specs.js';

/** Options of {@link importNetwork}. */
export interface ImportOptions {
  /** The name of the network's code layer: the encoder ends with it. Default: the narrowest layer. */
  split?: string;
  /** Seed kept in the recipe (for further training). Default 0. */
  seed?: number;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The chain with its final sigmoid or softmax taken off, and the loss that puts it back. */
function withoutOutputActivation(chain: PortableLayer[]): { layers: PortableLayer[]; loss: ReconstructionLossName } {
  const last = chain[chain.length - 1];
  const ending: PortableActivation | undefined = last && 'activation' in last ? last.activation : undefined;
  if (ending !== 'sigmoid' && ending !== 'softmax') return { layers: chain, loss: 'mse' };
  const loss = ending === 'sigmoid' ? 'bce' : 'multinomial';
  if (ending === 'softmax' && last.outputShape.length !== 1)
    throw new ConfigError(`layer "${last.name}": a softmax output is imported over flat samples only, got [${last.outputShape.join(', ')}]`, { field: last.name });
  const layers = chain.slice(0, -1);
  if (last.kind !== 'activation') layers.push({ ...last, activation: 'linear' } as PortableLayer);
  return { layers, loss };
}

function splitIndex(chain: PortableLayer[], split: string | undefined): number {
  if (split !== undefined) {
    const at = chain.findIndex((l) => l.name === split);
    if (at < 0) throw new ConfigError(`split: no layer is named "${split}"; the layers are: ${chain.map((l) => l.name).join(', ')}`, { field: 'split' });
    if (at === chain.length - 1) throw new ConfigError(`split: "${split}" is the last layer, which leaves no decoder`, { field: 'split' });
    return at;
  }
  let best = 0;
  chain.slice(0, -1).forEach((l, i) => {
    if (size(l.outputShape) < size(chain[best].outputShape)) best = i;
  });
  return best;
}

/** Copies each imported layer's weights into the built layer of the same position, checking shapes. */
function assignWeights(model: Autoencoder, imported: ImportedLayer[]): void {
  const built = [...model.encoder.layers, ...model.decoder!.layers];
  built.forEach((layer, i) => {
    const source = imported[i].weights;
    if (source.size !== layer.weights.length)
      throw new ConfigError(`layer "${layer.name}" (${layer.type}) takes ${layer.weights.length} weights, the imported layer has ${source.size}`, { field: layer.name });
    for (const w of layer.weights) {
      const key = w.name.slice(layer.name.length + 1);
      const value = source.get(key);
      if (!value) throw new ConfigError(`layer "${layer.name}" (${layer.type}): the imported layer has no "${key}" weight`, { field: layer.name });
      const expected = w.variable.shape;
      if (value.shape.length !== expected.length || value.shape.some((d, j) => d !== expected[j]))
        throw new ConfigError(`layer "${layer.name}" weight "${key}": expected shape [${expected.join(', ')}], got [${value.shape.join(', ')}]`, { field: layer.name });
      tf.tidy(() => w.variable.assign(tf.tensor(value.values, value.shape, 'float32')));
    }
  });
}

/**
 * An Hourglass model computing what `net` (a whole autoencoder, one output)
 * computes. Registers the `layers` variant it is built with (a program that
 * loads the saved model later imports `@hourglass/variant-layers/register`).
 *
 * @example
 * const model = importNetwork(await readKerasFile(bytes), { split: 'code' });
 * const codes = model.encode(x);
 */
export function importNetwork(net: PortableNetwork, options: ImportOptions = {}): Autoencoder {
  if (net.outputs.length !== 1)
    throw new ConfigError(`an autoencoder to import has one output, this network has ${net.outputs.length} (${net.outputs.map((o) => o.name).join(', ')})`, { field: 'outputs' });
  const { layers, loss } = withoutOutputActivation([...net.trunk, ...net.outputs[0].layers]);
  if (layers.length < 2) throw new ConfigError(`an autoencoder to import needs an encoder and a decoder: at least two layers, got ${layers.length}`, { field: 'layers' });
  const cut = splitIndex(layers, options.split);
  registerVariant(layersVariant);
  const imported = layers.map(importedLayer);
  const specs = (from: number, to: number): LayerSpec[] => imported.slice(from, to).map((l) => l.spec);
  const model = Autoencoder.create({
    inputShape: [...net.inputShape],
    variants: [{ name: 'layers', config: { encoder: specs(0, cut + 1), decoder: specs(cut + 1, layers.length), loss } }],
    seed: options.seed ?? 0,
  });
  try {
    assignWeights(model, imported);
  } catch (e) {
    model.weights.forEach((w) => w.variable.dispose());
    throw e;
  }
  return model;
}
