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

interface Scope {
  allocate: boolean;
  made: Variable[];
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

/** The innermost scope, if a scoped build is running. */
export function weightScope(): Readonly<Scope> | undefined {
  return scopes[scopes.length - 1];
}

/** Records a weight made inside scopes (called by `makeWeight`). */
export function recordWeight(variable: Variable): void {
  for (const scope of scopes) scope.made.push(variable);
}

/**
 * A stand-in for a weight that is never allocated: it has the shape, size
 * and dtype of the weight and nothing else. Only builds run under
 * `withoutWeights` ever see one.
 */
export function placeholderWeight(shape: number[]): Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape: [...shape], size, rank: shape.length, dtype: 'float32', dispose() {} } as unknown as Variable;
}

/**
 * Runs `build` with `makeWeight` allocating nothing (placeholders only).
 *
 * @example
 * const stack = withoutWeights(() => buildStack('encoder', specs, [784], createRng(0)));
 * stack.weights.map((w) => w.variable.shape); // shapes, no memory used
 */
export function withoutWeights<T>(build: () => T): T {
  return within({ allocate: false, made: [] }, build);
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
