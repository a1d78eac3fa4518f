/**
 * @hourglass/export: Hourglass models as standard networks other tools
 * load (tfjs LayersModels, ONNX, Keras 3), and standard encoder-decoders
 * brought back into Hourglass.
 */
export type { PortableNetwork, PortableLayer, PortableLayerKind, PortableOutput, PortableWeight, PortableActivation, RecurrentWeights, ExportPart } from './portable.js';
export { portableNetwork, EXPORT_PARTS, type PortableOptions } from './from-model.js';
export { EXPORTABLE_LAYER_TYPES, toPortableLayer } from './layer-to-portable.js';
export { tfjsLayersArtifacts, type TfjsLayersArtifacts } from './tfjs-layers/artifacts.js';
export { importNetwork, type ImportOptions } from './import/import-network.js';
export { readTfjsLayers, type TfjsLayersInput } from './tfjs-layers/read.js';
export { onnxModel, ONNX_OPSET, type OnnxOptions } from './onnx/model.js';
export { readTfjsLayersStore, type ReadStoreOptions } from './tfjs-layers/read-store.js';
export { exportModel, exportNetwork, EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportedFiles } from './export-model.js';
export { kerasFile, KERAS_VERSION } from './keras/write.js';
export { readKerasFile } from './keras/read.js';
export { KERAS_IMPORTABLE_CLASSES } from './keras/read-layer.js';
