/**
 * tfjs-layers model artifacts (a `model.json` topology, weight specs and
 * weight data) as a portable network, for `importNetwork`. The weights
 * must be float32, exactly as large as their specs say, and each used
 * once: a weight no layer takes is reported rather than ignored.
 *
 * A 1-D layer tfjs-layers lacks is written by `tfjsLayersArtifacts` as its
 * 2-D form between two reshapes (`[1, steps, channels]`); such a triple is
 * read back as the 1-D layer.
 */
import { ConfigError } from '@hourglass/core';
import { inferShapes, type UnshapedLayer } from '../import/infer-shapes.js';
import type { PortableNetwork } from '../portable.js';
import { readLayer, type WeightPool } from './read-layers.js';
import { topologyChain, type TopologyLayer } from './read-topology.js';

/** What `readTfjsLayers` needs of tfjs `ModelArtifacts`. */
export interface TfjsLayersInput {
  modelTopology: unknown;
  weightSpecs?: Array<{ name: string; shape: number[]; dtype: string }>;
  weightData?: ArrayBuffer | ArrayBuffer[];
}

function weightPool(specs: TfjsLayersInput['weightSpecs'], data: TfjsLayersInput['weightData']): WeightPool {
  const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) {
    bytes.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  const pool: WeightPool = new Map();
  let offset = 0;
  for (const spec of specs ?? []) {
    if (spec.dtype !== 'float32') throw new ConfigError(`weight "${spec.name}": dtype "${spec.dtype}" is not supported (float32 only; quantized weights cannot be imported)`, { field: spec.name });
    if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isInteger(d) && d >= 0))
      throw new ConfigError(`weight "${spec.name}": shape ${JSON.stringify(spec.shape)} must be non-negative integers`, { field: spec.name });
    const count = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + count * 4 > bytes.byteLength)
      throw new ConfigError(`weight "${spec.name}" [${spec.shape.join(', ')}] runs past the end of the weight data (${bytes.byteLength} bytes)`, { field: spec.name });
    pool.set(spec.name, { shape: [...spec.shape], values: new Float32Array(bytes.slice(offset, offset + count * 4).buffer) });
    offset += count * 4;
  }
  if (offset !== bytes.byteLength) throw new ConfigError(`the weight data holds ${bytes.byteLength} bytes, the specs describe ${offset}`, { field: 'weightSpecs' });
  return pool;
}

const isOneRow = (l: TopologyLayer | undefined) => l?.className === 'Reshape' && Array.isArray(l.config.target_shape) && (l.config.target_shape as number[])[0] === 1;

/** A `Reshape [1, ...] -> 2-D layer -> Reshape` triple as the 1-D layer, if it is one (taking its weights out of `pool`). */
function oneRowLayer(chain: TopologyLayer[], i: number, pool: WeightPool): UnshapedLayer | undefined {
  const [first, mid, last] = chain.slice(i, i + 3);
  if (!isOneRow(first) || last?.className !== 'Reshape') return undefined;
  const pair = (key: string) => (Array.isArray(mid.config[key]) ? (mid.config[key] as number[]) : undefined);
  if (mid?.className === 'Cropping2D') {
    const [rows, columns] = (mid.config.cropping as number[][]) ?? [];
    if (rows?.[0] !== 0 || rows?.[1] !== 0 || columns?.length !== 2) return undefined;
    return { name: mid.name, kind: 'crop', rank: 1, start: [columns[0]], end: [columns[1]] };
  }
  const [k, s] = [pair('kernel_size'), pair('strides') ?? [1, 1]];
  if (mid?.className !== 'Conv2DTranspose' || k?.[0] !== 1 || s[0] !== 1) return undefined;
  const read = readLayer({ ...mid, config: { ...mid.config, kernel_size: k[1], strides: s[1] } }, pool);
  if (read?.kind !== 'convTranspose') return undefined;
  return { ...read, rank: 1, kernel: { shape: read.kernel.shape.slice(1), values: read.kernel.values } };
}

/**
 * The portable network of a tfjs-layers model (whole autoencoder, one output).
 *
 * @example
 * const net = readTfjsLayers(await tf.io.fromMemory(json).load());
 * const model = importNetwork(net);
 */
export function readTfjsLayers(artifacts: TfjsLayersInput): PortableNetwork {
  const { inputShape, layers: chain } = topologyChain(artifacts.modelTopology);
  const pool = weightPool(artifacts.weightSpecs, artifacts.weightData);
  const layers: UnshapedLayer[] = [];
  for (let i = 0; i < chain.length; i++) {
    const oneRow = oneRowLayer(chain, i, pool);
    if (oneRow) {
      layers.push(oneRow);
      i += 2;
      continue;
    }
    const read = readLayer(chain[i], pool);
    if (read) layers.push(read);
  }
  if (pool.size > 0) throw new ConfigError(`no layer takes the weights ${[...pool.keys()].join(', ')}`, { field: 'weightSpecs' });
  const trunk = inferShapes(layers, inputShape);
  const shape = trunk.length ? trunk[trunk.length - 1].outputShape : inputShape;
  return { part: 'autoencoder', inputShape, trunk, outputs: [{ name: 'output', layers: [], shape }] };
}
