/** A model's recipe: what builds it, and what its saved form stores besides the weights. */
import type { VariantChoice } from '../variant/contract.js';

/** Everything needed to build a model; stored in its saved form. */
export interface ModelRecipe {
  /** Per-sample input shape: [features], [height, width, channels] or [steps, features]. */
  inputShape: number[];
  /** Variants in order (exactly one architecture). */
  variants: VariantChoice[];
  /** Seed for the initial weights. Default 0. */
  seed?: number;
}
