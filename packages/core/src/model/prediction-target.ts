/**
 * Checking a recipe's `target` (what a model predicts besides its input).
 * A recipe may come from a hostile model.json, so every field is checked
 * for type and range, unknown fields are refused, and the defaults are
 * filled in: the saved recipe is then complete and explicit.
 */
import { ConfigError } from '../errors.js';
import { TARGET_OBJECTIVES, type ModelTarget } from './recipe.js';

const FIELDS = ['shape', 'objective', 'weight'];

/**
 * The recipe's target with its defaults (weight 1), or undefined when the
 * recipe has none. Throws a ConfigError naming the field otherwise.
 *
 * @example
 * parseTarget({ shape: [12, 1], objective: 'composite' }); // { shape: [12, 1], objective: 'composite', weight: 1 }
 */
export function parseTarget(raw: unknown): Required<ModelTarget> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`target: expected { shape, objective, weight? }, got ${JSON.stringify(raw)}`, { field: 'target' });
  const t = raw as Record<string, unknown>;
  const unknown = Object.keys(t).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw new ConfigError(`target: unknown field "${unknown[0]}"; allowed: ${FIELDS.join(', ')}`, { field: 'target' });
  const { shape, objective, weight = 1 } = t;
  if (!Array.isArray(shape) || shape.length === 0 || shape.some((d) => !Number.isInteger(d) || (d as number) < 1))
    throw new ConfigError(`target.shape: expected a non-empty array of positive integers, got ${JSON.stringify(shape)}`, { field: 'target.shape' });
  if (!TARGET_OBJECTIVES.includes(objective as ModelTarget['objective']))
    throw new ConfigError(`target.objective: expected one of ${TARGET_OBJECTIVES.join(', ')}, got ${JSON.stringify(objective)}`, { field: 'target.objective' });
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
    throw new ConfigError(`target.weight: expected a finite number >= 0, got ${JSON.stringify(weight)}`, { field: 'target.weight' });
  return { shape: [...(shape as number[])], objective: objective as ModelTarget['objective'], weight };
}
