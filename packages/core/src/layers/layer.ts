/**
 * The layer contract.
 *
 * A layer is described by a plain, JSON-serialisable `LayerSpec`
 * (`{ type: 'dense', units: 64, activation: 'relu' }`) and built against the
 * per-sample shape of its input, which is where shapes are checked. Building
 * returns a `Layer`: its output shape, its trainable weights (tfjs Variables
 * named `<scope>/<layer>/<weight>`) and a forward function over batches.
 *
 * Layer types live in a registry keyed by `type` (see `registry.ts`), so a
 * plug-in can add its own (recurrent layers, say) without touching core.
 *
 * `pullback` is optional: it maps rows of a Jacobian with respect to the
 * layer's output, shaped `[batch, k, ...outputShape]`, to rows with respect to
 * its input, using only differentiable ops. The contractive penalty chains it
 * through an encoder to get the exact input Jacobian without second-order
 * autodiff (which tfjs lacks).
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';

/** A serialisable layer description. */
export interface LayerSpec {
  type: string;
  [option: string]: unknown;
}

/** A trainable weight with its stable name. */
export interface NamedWeight {
  name: string;
  variable: Variable;
}

/** What a layer's forward pass may need besides its input. */
export interface ApplyContext {
  /** True during training (dropout active). */
  training: boolean;
  /** Supplies seeds for stochastic layers; required when training with dropout. */
  nextSeed?: () => number;
  /**
   * False when nothing needs the gradient with respect to this input (the
   * data fed to a model's first layer during a training step): a layer may
   * then return zeros for it instead of paying for it (a dense layer skips
   * one of its three matMuls). Default true.
   */
  inputGradient?: boolean;
}

/** A built layer. */
export interface Layer {
  readonly type: string;
  readonly name: string;
  /** The resolved spec (defaults filled), as saved in model.json. */
  readonly spec: LayerSpec;
  /** Per-sample input shape (no batch axis). */
  readonly inputShape: number[];
  /** Per-sample output shape (no batch axis). */
  readonly outputShape: number[];
  readonly weights: NamedWeight[];
  apply(x: Tensor, ctx: ApplyContext): Tensor;
  /** Pulls Jacobian rows back from output to input (see the file header). `x`, `y`: this layer's input and output. */
  pullback?(g: Tensor, x: Tensor, y: Tensor): Tensor;
}

/** What a layer builder receives. */
export interface BuildContext {
  /** Name of the layer, unique in its model. */
  name: string;
  /** Seeded stream for this layer's initial weights. */
  rng: Rng;
}

/** Builds a layer of one type from its spec and input shape. Throws ConfigError / ShapeError. */
export type LayerBuilder = (spec: LayerSpec, inputShape: number[], ctx: BuildContext) => Layer;
