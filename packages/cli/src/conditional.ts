/**
 * The conditional-model side of a loaded model, seen from the CLI: the
 * class count and `generate` with a condition, present on models trained
 * with `--conditional` (`isConditional`), absent on the others. Reading it
 * through this one function keeps the commands free of casts.
 */
import type { Autoencoder, Tensor } from '@hourglass/core';
import { ConfigError } from '@hourglass/core';

/** What a conditional model offers beyond an unconditional one. */
export interface ConditionalApi {
  conditionClasses: number;
  generate(n: number, seed: number, options?: { condition?: number | Int32Array }): Tensor;
}

/**
 * The conditional API of `model`, or undefined when it is not conditional.
 *
 * @example
 * const api = conditionalApi(model);
 * if (api) images = api.generate(10, 1, { condition: 3 });
 */
export function conditionalApi(model: Autoencoder): ConditionalApi | undefined {
  const m = model as Autoencoder & { isConditional?: boolean; conditionClasses?: number };
  if (!m.isConditional || !m.conditionClasses) return undefined;
  return { conditionClasses: m.conditionClasses, generate: (n, seed, options) => (m.generate as ConditionalApi['generate'])(n, seed, options) };
}

/**
 * The class `text` names: an index in 0..classes-1, or one of the model's
 * saved class names (`metadata.classNames`).
 *
 * @example
 * resolveClass({ classNames: ['zero', 'one'] }, 2, 'one', 'run/model/model.json'); // { index: 1, name: 'one' }
 */
export function resolveClass(metadata: unknown, classes: number, text: string, file: string): { index: number; name: string } {
  const names = (metadata as { classNames?: unknown } | undefined)?.classNames;
  const list = Array.isArray(names) && names.every((n) => typeof n === 'string') ? (names as string[]) : undefined;
  const byName = list?.indexOf(text) ?? -1;
  if (byName >= 0) return { index: byName, name: text };
  const index = Number(text);
  if (/^\d+$/.test(text) && index < classes) return { index, name: list?.[index] ?? text };
  const valid = list ? list.map((n, i) => `${i} (${n})`).join(', ') : `0 to ${classes - 1}`;
  throw new ConfigError(`--class ${text}: not a class of the model in ${file}; valid classes: ${valid}`);
}
