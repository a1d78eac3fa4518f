/**
 * Scopes around building layers, seen by `makeWeight`:
 *
 * - `withoutWeights(build)` runs a build in which `makeWeight` allocates
 *   nothing and returns shape-only placeholders, so the exact weight names
 *   and shapes of a model are known before any memory is spent on them;
 * - `disposeOnThrow(build)` releases every weight the build made when it
 *   fails part-way, so a failed build leaks no tensors.
 *
 * Builds are synchronous, so a stack of scopes held by this module is enough.
 */
import type { Variable } from '@tensorflow/tfjs-core';
import { HourglassError } from '../errors.js';

/** Most weights and parameters a `withoutWeights` build may make before it is stopped. */
export interface WeightBudget {
  weights: number;
  parameters: number;
}

/**
 * A `withoutWeights` build went over its budget at weight `weight`.
 *
 * @example
 * try { withoutWeights(build, { weights: 8, parameters: 254 }) } catch (e) { if (e instanceof OverBudgetError) console.log(e.weight, e.shape) }
 */
export class OverBudgetError extends HourglassError {
  constructor(
    readonly weight: string,
    readonly shape: number[],
    budget: WeightBudget,
  ) {
    super(`weight "${weight}" [${shape.join(', ')}] goes beyond ${budget.weights} weights or ${budget.parameters.toLocaleString('en-US')} parameters`);
  }
}

interface Scope {
  allocate: boolean;
  made: Variable[];
  budget?: WeightBudget & { usedWeights: number; usedParameters: number };
}

const scopes: Scope[] = [];

function within<T>(scope: Scope, build: () => T): T {
  scopes.push(scope);
  try {
    return build();
  } finally {
    scopes.pop();
  }
}

/**
 * The innermost scope, if a scoped build is running.
 *
 * @example
 * if (weightScope()?.allocate === false) return placeholderWeight(shape);
 */
export function weightScope(): Readonly<Scope> | undefined {
  return scopes[scopes.length - 1];
}

/**
 * Records a weight made inside scopes (called by `makeWeight`).
 *
 * @example
 * const variable = tf.variable(initial); recordWeight(variable);
 */
export function recordWeight(variable: Variable): void {
  for (const scope of scopes) scope.made.push(variable);
}

/**
 * A stand-in for a weight that is never allocated: it has the shape, size
 * and dtype of the weight and nothing else. Only builds run under
 * `withoutWeights` ever see one. Throws when the build goes
 * over the scope's budget (an OverBudgetError).
 *
 * @example
 * placeholderWeight('encoder/dense_0/kernel', [784, 128]).size; // 100352, nothing allocated
 */
export function placeholderWeight(name: string, shape: number[]): Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const budget = weightScope()?.budget;
  if (budget) {
    budget.usedWeights += 1;
    budget.usedParameters += size;
    if (budget.usedWeights > budget.weights || budget.usedParameters > budget.parameters)
      throw new OverBudgetError(name, shape, budget);
  }
  return { shape: [...shape], size, rank: shape.length, dtype: 'float32', dispose() {} } as unknown as Variable;
}

/**
 * Runs `build` with `makeWeight` allocating nothing (placeholders only);
 * with a `budget`, the build is stopped (OverBudgetError) as soon as it makes
 * more weights or parameters than that, so even a recipe of millions of
 * layers costs little to refuse.
 *
 * @example
 * const stack = withoutWeights(() => buildStack('encoder', specs, [784], createRng(0)));
 * stack.weights.map((w) => w.variable.shape); // shapes, no memory used
 */
export function withoutWeights<T>(build: () => T, budget?: WeightBudget): T {
  return within({ allocate: false, made: [], budget: budget && { ...budget, usedWeights: 0, usedParameters: 0 } }, build);
}

/**
 * Runs `build`; when it throws, disposes every weight it made first.
 *
 * @example
 * const stack = disposeOnThrow(() => buildStack('decoder', specs, [32], createRng(0)));
 */
export function disposeOnThrow<T>(build: () => T): T {
  const scope: Scope = { allocate: true, made: [] };
  try {
    return within(scope, build);
  } catch (e) {
    for (const v of scope.made) v.dispose();
    throw e;
  }
}
