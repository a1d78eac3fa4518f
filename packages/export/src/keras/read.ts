/**
 * A Keras 3 `.keras` file as a portable network (the whole autoencoder, one
 * output), for `importNetwork`. The file is treated as untrusted: the zip's
 * sizes are bounded before anything is inflated (see archive.ts), the
 * config must be a chain of supported layers (see read-graph.ts and
 * read-layer.ts), shapes are worked out from the input shape and every
 * weight is checked against the shape its layer's config implies; a
 * variable under `layers/` that no layer takes is refused too.
 */
import { ConfigError, ShapeError } from '@hourglass/core';
import { strFromU8 } from 'fflate';
import { inferShapes, type UnshapedLayer } from '../import/infer-shapes.js';
import type { PortableLayer, PortableNetwork } from '../portable.js';
import { unzipKeras } from './archive.js';
import { kerasChain } from './read-graph.js';
import { readKerasLayer } from './read-layer.js';
import { checkWeightShapes } from './weight-shapes.js';
import { readWeightsH5 } from './weights-h5.js';

function parseConfig(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch (e) {
    throw new ConfigError(`config.json of the .keras file is not JSON: ${(e as Error).message}`, { field: 'config.json' });
  }
}

/** A UnitNormalization must normalise each sample as a whole: axis -1 on a flat sample, or every axis but the batch's. */
function checkNormalization(layer: PortableLayer, axis: unknown): void {
  const rank = layer.inputShape.length;
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (Number(a) < 0 ? Number(a) + rank + 1 : Number(a))).sort();
  if (axes.length !== rank || axes.some((a, i) => a !== i + 1))
    throw new ConfigError(`layer "${layer.name}" (UnitNormalization): axis ${JSON.stringify(axis)} on input [${layer.inputShape.join(', ')}] does not normalise whole samples, which is the only form supported`, {
      field: layer.name,
    });
}

/**
 * The portable network of a Keras 3 `.keras` file: a Sequential or
 * Functional chain (nested encoder / decoder models flattened) of
 * supported layers, channels last, float32.
 *
 * @example
 * const net = await readKerasFile(new Uint8Array(readFileSync('autoencoder.keras')));
 * const model = importNetwork(net);
 */
export async function readKerasFile(bytes: Uint8Array): Promise<PortableNetwork> {
  const entries = unzipKeras(bytes);
  const { inputShape, layers: chain } = kerasChain(parseConfig(entries['config.json']));
  if (!inputShape) throw new ConfigError('the Keras model declares no input shape (build it, or start it with keras.Input, before saving)', { field: 'config.json' });
  const datasets = await readWeightsH5(entries['model.weights.h5']);
  const unshaped: UnshapedLayer[] = [];
  const axes = new Map<string, unknown>();
  for (const layer of chain) {
    const read = readKerasLayer(layer, datasets);
    if (!read.layer) continue;
    unshaped.push(read.layer);
    if (read.axis !== undefined) axes.set(read.layer.name, read.axis);
  }
  const left = [...datasets.keys()].filter((k) => k.startsWith('layers/'));
  if (left.length) throw new ConfigError(`no layer of the config takes the weight file's variables ${left.join(', ')}`, { field: 'model.weights.h5' });
  let trunk: PortableLayer[];
  try {
    trunk = inferShapes(unshaped, inputShape);
  } catch (e) {
    if (e instanceof ShapeError) throw new ConfigError(`the Keras model's layers do not fit together: ${e.message}`, { field: 'config.json' });
    throw e;
  }
  for (const layer of trunk) {
    checkWeightShapes(layer);
    if (axes.has(layer.name)) checkNormalization(layer, axes.get(layer.name));
  }
  const shape = trunk.length ? trunk[trunk.length - 1].outputShape : inputShape;
  return { part: 'autoencoder', inputShape, trunk, outputs: [{ name: 'output', layers: [], shape }] };
}
