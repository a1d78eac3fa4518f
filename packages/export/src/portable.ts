/**
 * The portable network: what every exporter writes and every importer
 * reads. It is a plain description of one part of a model (the whole
 * autoencoder, the encoder, the decoder or the predictor) as a chain of
 * standard layers, each with its per-sample input and output shapes and its
 * weights as float32 arrays, with no tensors and no Hourglass classes.
 *
 * The shape is deliberately small: a `trunk` of layers from the one input,
 * then one or more `outputs`, each a (possibly empty) chain continuing from
 * the trunk's end. One output is a sequential network; a VAE encoder that
 * also exports its log-variance forks into two.
 *
 * Layouts follow Keras (and tfjs-layers), channels last:
 * - dense / timeDense kernels `[in, units]`;
 * - conv kernels `[k, in, filters]` (1-D) and `[k, k, in, filters]` (2-D);
 * - transposed conv kernels `[k, filters, in]` and `[k, k, filters, in]`;
 * - recurrent kernels `[features, gates * units]`, recurrent kernels
 *   `[units, gates * units]`, gates in Keras' order (LSTM i, f, c, o;
 *   GRU z, r, h, reset-after, bias `[2, 3 * units]`: input row, recurrent row),
 *   one set per direction (forward, then backward).
 * `leakyRelu` has the slope `LEAKY_RELU_ALPHA` of @hourglass/core (0.2).
 * `softmax` runs over the last axis.
 */
import type { ActivationName } from '@hourglass/core';

/** An activation a portable layer applies: Hourglass' own, plus softmax (the multinomial output). */
export type PortableActivation = ActivationName | 'softmax';

/** A weight's values and shape. */
export interface PortableWeight {
  shape: number[];
  values: Float32Array;
}

/** One recurrent direction's weights. */
export interface RecurrentWeights {
  kernel: PortableWeight;
  recurrentKernel: PortableWeight;
  bias: PortableWeight;
}

/** What every portable layer has. */
interface LayerBase {
  /** Unique in its network: letters, digits and underscores (e.g. `encoder_dense_0`). */
  name: string;
  /** Per-sample shapes (no batch axis). */
  inputShape: number[];
  outputShape: number[];
}

/** A standard layer with its weights. */
export type PortableLayer = LayerBase &
  (
    | { kind: 'dense'; units: number; activation: PortableActivation; kernel: PortableWeight; bias?: PortableWeight }
    | { kind: 'timeDense'; units: number; activation: PortableActivation; kernel: PortableWeight; bias?: PortableWeight }
    | {
        kind: 'conv';
        rank: 1 | 2;
        filters: number;
        kernelSize: number;
        strides: number;
        padding: 'same' | 'valid';
        dilation: number;
        activation: PortableActivation;
        kernel: PortableWeight;
        bias?: PortableWeight;
      }
    | {
        kind: 'convTranspose';
        rank: 1 | 2;
        filters: number;
        kernelSize: number;
        strides: number;
        padding: 'same' | 'valid';
        activation: PortableActivation;
        kernel: PortableWeight;
        bias?: PortableWeight;
      }
    | { kind: 'maxPool'; poolSize: number; strides: number; padding: 'same' | 'valid' }
    | { kind: 'upsample'; size: number }
    /** Cuts `start[a]` entries from the front and `end[a]` from the back of spatial axis a (steps; or rows, columns). */
    | { kind: 'crop'; rank: 1 | 2; start: number[]; end: number[] }
    | { kind: 'flatten' }
    | { kind: 'reshape'; shape: number[] }
    | { kind: 'activation'; activation: PortableActivation }
    | { kind: 'repeat'; n: number }
    | {
        kind: 'recurrent';
        cell: 'lstm' | 'gru';
        units: number;
        returnSequences: boolean;
        activation: ActivationName;
        recurrentActivation: ActivationName;
        /** One set (forward) or two (forward, backward: a bidirectional layer, outputs concatenated). */
        directions: RecurrentWeights[];
      }
    /** Each sample divided by the L2 norm of all its entries (floored at 1e-12). */
    | { kind: 'l2Normalize' }
  );

/** The kinds of portable layer. */
export type PortableLayerKind = PortableLayer['kind'];

/** One output of a portable network: a chain continuing from the trunk's end. */
export interface PortableOutput {
  /** `reconstruction`, `code`, `logVar`, `output` or `prediction`. */
  name: string;
  layers: PortableLayer[];
  /** Per-sample output shape. */
  shape: number[];
}

/** Which part of a model a portable network holds. */
export type ExportPart = 'autoencoder' | 'encoder' | 'decoder' | 'predictor';

/** A model part as a standard network. */
export interface PortableNetwork {
  part: ExportPart;
  /** Per-sample input shape. */
  inputShape: number[];
  trunk: PortableLayer[];
  /** At least one. */
  outputs: PortableOutput[];
}
