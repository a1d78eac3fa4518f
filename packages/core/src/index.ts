/**
 * @hourglass/core: backend-agnostic autoencoder layers, losses, model,
 * trainer and the variant plug-in contract, on @tensorflow/tfjs-core.
 */
export { tf } from './tf.js';
export type { Tensor, Variable, Scalar, Rank } from '@tensorflow/tfjs-core';
export * from './errors.js';
export { createRng, permutation, type Rng } from './rng.js';
export { s, type Field, type ObjectSchema, type Infer } from './schema.js';

export type { Layer, LayerSpec, LayerBuilder, BuildContext, ApplyContext, NamedWeight } from './layers/layer.js';
export { registerLayer, buildLayer, layerTypes } from './layers/registry.js';
export { defineLayer, makeWeight, convOutSize, type LayerType } from './layers/define.js';
export { buildStack, jacobianFrobenius, type Stack } from './layers/stack.js';
export { ACTIVATIONS, LEAKY_RELU_ALPHA, getActivation, applyActivation, type ActivationName, type Activation } from './layers/activations.js';
export { INITIALIZERS, initialize, type InitializerName } from './layers/initializers.js';

export {
  RECONSTRUCTION_LOSSES,
  bceFromLogits,
  multinomialFromLogits,
  mse,
  reconstructionLoss,
  outputFromLogits,
  batchMean,
  type ReconstructionLossName,
} from './losses/reconstruction.js';
export { gaussianKl, l1Activity, klSparsity, contractivePenalty } from './losses/regularizers.js';
export * from './corruptions.js';
export { diffusionFill, DEFAULT_DIFFUSION_SWEEPS } from './diffusion-fill.js';
export { repair, DEFAULT_REPAIR_ITERATIONS, type RepairOptions } from './repair.js';
export { averagePrecision, calibrateThreshold, evaluateDetection, rocAuc, type DetectionReport } from './anomaly.js';
export { pca, type Pca, type PcaOptions } from './analysis/pca.js';
export { calibrateAnomaly, readAnomalyMetadata, type AnomalyMetadata } from './anomaly-metadata.js';
export { imageMetrics, PSNR_CAP, type ImageMetrics } from './analysis/image-metrics.js';
export { knnProbe, logisticProbe, type LogisticProbeOptions } from './analysis/probes.js';
export { importanceNll } from './analysis/nll.js';
export { checkSparseRows, sparseEntries, sliceRows, type SparseRows, type SparseEntries } from './analysis/recommend/sparse-rows.js';
export { rmse, mae } from './analysis/recommend/rating-metrics.js';
export { topK } from './analysis/recommend/top-k.js';
export { recallAtK, ndcgAtK, type RankingReport } from './analysis/recommend/ranking-metrics.js';
export type { RatingPredictor } from './analysis/recommend/rating-predictor.js';
export { fitGlobalMean, fitUserMean, fitItemMean, type GlobalMeanBaseline, type GroupMeanBaseline } from './analysis/recommend/mean-baselines.js';
export { fitBiasedBaseline, type BiasedBaseline, type BiasedBaselineOptions } from './analysis/recommend/biased-baseline.js';
export type { ItemScorer } from './analysis/recommend/item-scorer.js';
export { fitPopularity, type Popularity } from './analysis/recommend/popularity.js';
export { fitEase, DEFAULT_EASE_MAX_ITEMS, type Ease, type EaseOptions } from './analysis/recommend/ease.js';
export { spdInverseInPlace } from './analysis/recommend/spd-inverse.js';

export type * from './variant/contract.js';
export { defineVariant, registerVariant, getVariant, listVariants, unregisterVariant } from './variant/registry.js';
export { registerPreset, getPreset, listPresets, unregisterPreset, type PresetDefinition, type PresetOptions } from './variant/presets.js';
export { composeVariants, type Composition, type Resolved } from './variant/compose.js';
export { codeToMap, expectSequence } from './variant/architecture-helpers.js';

export { Autoencoder, type ModelRecipe, type ModelTarget, type ModelCondition, type FullRecipe, type CreateOptions, type StepOptions, type StepResult, type GenerateOptions } from './model/autoencoder.js';
export { parseCondition, appendCondition } from './model/condition.js';
export { TARGET_OBJECTIVES } from './model/recipe.js';
export { lossFitsData, checkLossFitsData } from './model/loss-fit.js';
export { recipeSize, DEFAULT_MAX_PARAMETERS, type RecipeSize } from './model/size.js';
export type { WeightBudget } from './layers/weight-scope.js';
export { saveModel, loadModel, loadModelWithExtras, encodeModel, decodeModel, DEFAULT_MAX_WEIGHT_BYTES, type SaveExtras, type SaveTarget, type LoadOptions, type LoadedModel } from './model/save.js';
export { directoryStore, memoryStore, urlStore, fileSetStore, type ModelStore, type DirectoryStoreOptions, type UrlStoreOptions, type NamedBlob } from './model/store.js';
export { processAlive } from './model/process-alive.js';
export { readModelJson, type ReadModelJsonOptions } from './model/read-json.js';
export { MODEL_FORMAT, FORMAT_VERSION, type ModelJson } from './model/format.js';
export { crc32 } from './model/crc32.js';
export { sizeOf } from './shape.js';
export { concatFloat32, concatBytes } from './arrays.js';

export { train, trainOptions, type TrainOptions, type TrainResult, type TrainConfig } from './train/trainer.js';
export { evaluate, evaluateObjective, scoreAll, predictAll, type ObjectiveReport } from './train/evaluate.js';
export { mapBatches, encodeAll, reconstructAll, conditionedBy, type BatchOutputs } from './train/batch-map.js';
export type { EpochMetrics, StopReason, TrainEvent, TrainListener } from './train/events.js';
export { iterateBatches, checkConditions, type BatchOptions, type ArrayData, type StreamData, type TrainData, type TensorBatch } from './train/data.js';
export { createOptimizer, clipByGlobalNorm, OPTIMIZERS, type Optimizer, type OptimizerConfig, type OptimizerName } from './train/optimizers.js';
export { ADAM_KERNEL, type AdamKernelAttrs } from './train/optimizer-kernels.js';
export { BIAS_ACTIVATION_KERNELS, FUSED_ACTIVATIONS } from './layers/bias-activation-kernels.js';
export { BCE_LOGITS_KERNEL } from './losses/loss-kernels.js';
export { batchLearningRate, nextLearningRate, type RunPosition, type ScheduleConfig } from './train/schedules.js';
export { customOp } from './layers/custom-op.js';
export { setBackendHints, declareBackendHints, activeHints, type BackendHints } from './backend-hints.js';
export { defineBackend, firstLine, type BackendAdapter, type BackendDetails, type BackendProbe } from './backend/contract.js';
