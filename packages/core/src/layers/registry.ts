/**
 * The registry of layer types, keyed by `LayerSpec.type`. Lives on a global
 * symbol so that two copies of core in one process share it; it starts with
 * the built-in types.
 */
import { ConfigError, ShapeError } from '../errors.js';
import type { BuildContext, Layer, LayerBuilder, LayerSpec } from './layer.js';
import { BUILTIN_LAYERS } from './builtins.js';

const KEY = Symbol.for('hourglass.layerRegistry');
type Store = Map<string, LayerBuilder>;

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= new Map(BUILTIN_LAYERS.map((t) => [t.type, t.builder])));
}

/**
 * Registers a layer type. Re-registering the same builder is a no-op; a
 * different builder under a taken name is an error.
 *
 * @example
 * registerLayer('scale', (spec, inputShape, ctx) => ({ ... }));
 */
export function registerLayer(type: string, builder: LayerBuilder): void {
  const existing = store().get(type);
  if (existing && existing !== builder) throw new ConfigError(`layer type "${type}" is already registered`);
  store().set(type, builder);
}

/**
 * Names of all registered layer types.
 *
 * @example
 * layerTypes(); // ['activation', 'conv2d', ...]
 */
export function layerTypes(): string[] {
  return [...store().keys()].sort();
}

/**
 * Builds one layer from its spec. Errors name the layer and the shapes.
 *
 * @example
 * const dense = buildLayer({ type: 'dense', units: 32 }, [784], { name: 'enc/dense_0', rng: createRng(0) });
 */
export function buildLayer(spec: LayerSpec, inputShape: number[], ctx: BuildContext): Layer {
  const builder = store().get(spec.type);
  if (!builder) throw new ConfigError(`layer "${ctx.name}": unknown type "${spec.type}"; known: ${layerTypes().join(', ')}`);
  try {
    return builder(spec, inputShape, ctx);
  } catch (e) {
    if (e instanceof ShapeError || e instanceof ConfigError) {
      const Ctor = e.constructor as new (m: string) => Error;
      if (!e.message.startsWith(`layer "${ctx.name}"`))
        throw new Ctor(`layer "${ctx.name}" (${spec.type}, input [${inputShape.join(', ')}]): ${e.message}`);
    }
    throw e;
  }
}
