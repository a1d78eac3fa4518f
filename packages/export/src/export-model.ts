/**
 * `exportModel`: a model part in a format other tools load, as named files
 * (no file system involved, so it runs in browsers too; the CLI writes
 * them). `tfjs-layers` gives a `model.json` and a `weights.bin` for
 * `tf.loadLayersModel`; `onnx` a `model.onnx` for onnxruntime; `keras` a
 * Keras 3 `model.keras` for `keras.saving.load_model`.
 */
import { ConfigError, type Autoencoder } from '@hourglass/core';
import { portableNetwork, type PortableOptions } from './from-model.js';
import { kerasFile } from './keras/write.js';
import { onnxModel } from './onnx/model.js';
import { tfjsLayersArtifacts } from './tfjs-layers/artifacts.js';
import type { PortableNetwork } from './portable.js';

/** The formats `exportModel` writes. */
export const EXPORT_FORMATS = ['tfjs-layers', 'onnx', 'keras'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of {@link exportModel}. */
export interface ExportOptions extends PortableOptions {
  format: ExportFormat;
}

/** Named files of an export, in writing order. */
export type ExportedFiles = Array<[name: string, data: Uint8Array]>;

const WRITERS: Record<ExportFormat, (net: PortableNetwork) => Promise<ExportedFiles>> = {
  'tfjs-layers': async (net) => {
    const { weightSpecs, weightData, ...artifacts } = tfjsLayersArtifacts(net, 'Hourglass (@hourglass/export)');
    const json = { ...artifacts, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] };
    return [
      ['weights.bin', new Uint8Array(weightData)],
      ['model.json', new TextEncoder().encode(JSON.stringify(json))],
    ];
  },
  onnx: async (net) => [['model.onnx', onnxModel(net)]],
  keras: async (net) => [['model.keras', await kerasFile(net)]],
};

/** The writer of `format`, or a ConfigError naming the formats there are. */
function writerFor(format: ExportFormat): (net: PortableNetwork) => Promise<ExportedFiles> {
  const write = WRITERS[format];
  if (!write) throw new ConfigError(`unknown format "${String(format)}"; expected one of ${EXPORT_FORMATS.join(', ')}`, { field: 'format' });
  return write;
}

/**
 * The files of a portable network in `format`.
 *
 * @example
 * const files = await exportNetwork(portableNetwork(model, { part: 'encoder' }), 'onnx'); // [['model.onnx', ...]]
 */
export async function exportNetwork(net: PortableNetwork, format: ExportFormat): Promise<ExportedFiles> {
  return writerFor(format)(net);
}

/**
 * The files of `model`'s `part` in `format`.
 *
 * @example
 * const files = await exportModel(model, { format: 'tfjs-layers', part: 'encoder' });
 * // [['weights.bin', ...], ['model.json', ...]]: tf.loadLayersModel reads them
 */
export async function exportModel(model: Autoencoder, options: ExportOptions): Promise<ExportedFiles> {
  const write = writerFor(options.format); // an unknown format is refused before any weight is copied
  return write(portableNetwork(model, options));
}
