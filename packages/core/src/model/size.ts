/**
 * The size of the model a recipe builds, known before any weight is
 * allocated: the recipe is built with shape-only weights (`withoutWeights`),
 * so the names, shapes and parameter count are exactly those of the real
 * model. `Autoencoder.create` and `loadModel` check it against their limits
 * first, so a recipe such as `hidden: [50000000]` is refused without
 * spending the memory.
 */
import { ConfigError } from '../errors.js';
import { sizeOf } from '../shape.js';
import { withoutWeights, type WeightBudget } from '../layers/weight-scope.js';
import type { ModelRecipe } from './recipe.js';
import { buildParts, partsWeights } from './build.js';
import type { Composition } from '../variant/compose.js';

/** Default `maxParameters` of `Autoencoder.create`: 250 million (1 GB of float32 weights). */
export const DEFAULT_MAX_PARAMETERS = 250_000_000;

/** The size of a recipe's model. */
export interface RecipeSize {
  /** Number of trainable parameters. */
  parameters: number;
  /** Bytes of float32 weights (4 per parameter). */
  bytes: number;
  /** Every weight's name and shape, in the saved order. */
  weights: Array<{ name: string; shape: number[] }>;
}

/**
 * The exact parameter count, weight bytes and weight shapes of the model a
 * recipe builds, without allocating any tensor. Throws the same
 * ConfigError / ShapeError that `Autoencoder.create` would. With a
 * `budget` (most weights and parameters), sizing stops with an OverBudgetError as
 * soon as the recipe goes over it. A `composition` of the recipe's variants
 * (from `composeVariants`) saves composing them again.
 *
 * @example
 * import '@hourglass/variant-undercomplete/register';
 * recipeSize({ inputShape: [784], variants: [{ name: 'undercomplete' }] }).parameters; // 222,384
 */
export function recipeSize(recipe: ModelRecipe, budget?: WeightBudget, composition?: Composition): RecipeSize {
  const parts = withoutWeights(() => buildParts(recipe, composition), budget);
  const weights = partsWeights(parts).map((w) => ({ name: w.name, shape: [...w.variable.shape] }));
  const parameters = weights.reduce((n, w) => n + sizeOf(w.shape), 0);
  return { parameters, bytes: parameters * 4, weights };
}

/**
 * `n` bytes in a readable unit (binary prefixes).
 *
 * @example
 * formatBytes(2 * 1024 ** 3); // '2.0 GiB'
 */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[i]}`;
}

/**
 * Throws a ConfigError naming the figures and the option when `size` is over `maxParameters`.
 *
 * @example
 * checkParameterLimit(recipeSize(recipe), DEFAULT_MAX_PARAMETERS);
 */
export function checkParameterLimit(size: RecipeSize, maxParameters: number): void {
  if (size.parameters <= maxParameters) return;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new ConfigError(
    `the model would have ${n(size.parameters)} parameters (${formatBytes(size.bytes)} of float32 weights, more during training), ` +
      `more than the limit of ${n(maxParameters)}`,
    { field: 'maxParameters', hint: ['use fewer input features or narrower layers, or raise ', { option: 'maxParameters' }, ' if the memory is there'] },
  );
}
