/**
 * A model part as a portable network: the layers `encode`, `decode`,
 * `reconstruct` or `predict` run at inference, in order, with the output
 * activation the loss implies (sigmoid for BCE, softmax for the multinomial
 * loss) appended, so the exported network gives data, not logits.
 *
 * The encoder runs the encoder stack and then, for a model with a latent,
 * the head the latent declares `portable` (a VAE's mean; its log-variance
 * as a second output on request). What has no standard form is refused:
 * conditional models (a second input), residual reconstructions (a skip
 * from the input through its logit) and latents that declare no portable
 * head.
 */
import { ConfigError, type Autoencoder, type Stack } from '@hourglass/core';
import { toPortableLayer } from './layer-to-portable.js';
import type { ExportPart, PortableLayer, PortableNetwork, PortableOutput } from './portable.js';

/** The parts a model can be exported as. */
export const EXPORT_PARTS: readonly ExportPart[] = ['autoencoder', 'encoder', 'decoder', 'predictor'];

/** Options of {@link portableNetwork}. */
export interface PortableOptions {
  /** Which part (default 'autoencoder'). */
  part?: ExportPart;
  /** For the encoder of a latent with a log-variance head (a VAE): also output the log-variance. Default false. */
  logVar?: boolean;
}

function layersOf(stack: Stack): PortableLayer[] {
  return stack.layers.map(toPortableLayer).filter((l): l is PortableLayer => l !== undefined);
}

/** The softmax of a multinomial output, over the whole sample (flattened first when the sample is not flat). */
function outputActivation(model: Autoencoder, shape: number[], scope: string): PortableLayer[] {
  const at = (kind: string) => `${scope}_output_${kind}`;
  if (model.loss === 'bce') return [{ name: at('sigmoid'), kind: 'activation', activation: 'sigmoid', inputShape: shape, outputShape: shape }];
  if (model.loss !== 'multinomial') return [];
  if (shape.length === 1) return [{ name: at('softmax'), kind: 'activation', activation: 'softmax', inputShape: shape, outputShape: shape }];
  const flat = [shape.reduce((a, b) => a * b, 1)];
  return [
    { name: at('flatten'), kind: 'flatten', inputShape: shape, outputShape: flat },
    { name: at('softmax'), kind: 'activation', activation: 'softmax', inputShape: flat, outputShape: flat },
    { name: at('reshape'), kind: 'reshape', shape: [...shape], inputShape: flat, outputShape: shape },
  ];
}

/** The heads giving the code (and log-variance) of a model's latent; undefined without a latent. */
function latentHeads(model: Autoencoder): { code: Stack; logVar?: Stack } | undefined {
  const latent = model.composition.latent;
  if (!latent) return undefined;
  const portable = latent.plugin.portable;
  if (!portable)
    throw new ConfigError(`the "${latent.name}" latent declares no portable code head, so this model cannot be exported (latents that export: variational)`, {
      field: 'variants',
    });
  return { code: model.heads[portable.code], logVar: portable.logVar ? model.heads[portable.logVar] : undefined };
}

function refuseUnportable(model: Autoencoder, part: ExportPart): void {
  if (model.recipe.condition)
    throw new ConfigError('a conditional model cannot be exported: its networks take the class as a second input, which the exported formats here do not carry', {
      field: 'condition',
    });
  if (model.recipe.residual && (part === 'autoencoder' || part === 'decoder'))
    throw new ConfigError(`the ${part} of a residual model cannot be exported: its output adds the logit of its own input, which has no standard layer; export the encoder`, {
      field: 'residual',
    });
  const wanted = part === 'predictor' ? model.predictor : part === 'encoder' ? model.encoder : model.decoder;
  if (!wanted)
    throw new ConfigError(
      part === 'predictor' ? 'this model has no predictor (it has no target); export the autoencoder, encoder or decoder' : `this model has no decoder (its objective is 'predict'); export the encoder or the predictor`,
      { field: 'part' },
    );
}

/**
 * `part` of `model` as a portable network, with its current weights copied
 * out. Throws a ConfigError for what cannot be exported, naming it.
 *
 * @example
 * const net = portableNetwork(model, { part: 'encoder' });
 * net.outputs[0].shape; // the code shape, e.g. [32]
 */
export function portableNetwork(model: Autoencoder, options: PortableOptions = {}): PortableNetwork {
  const part = options.part ?? 'autoencoder';
  if (!EXPORT_PARTS.includes(part)) throw new ConfigError(`unknown part "${String(part)}"; expected one of ${EXPORT_PARTS.join(', ')}`, { field: 'part' });
  refuseUnportable(model, part);
  const heads = latentHeads(model);
  const inputShape = part === 'decoder' ? [...model.codeShape] : [...model.recipe.inputShape];
  if (part === 'encoder') {
    const outputs: PortableOutput[] = [{ name: 'code', layers: heads ? layersOf(heads.code) : [], shape: [...model.codeShape] }];
    if (options.logVar) {
      if (!heads?.logVar) throw new ConfigError('logVar: this model has no log-variance head (only a variational latent has one)', { field: 'logVar' });
      outputs.push({ name: 'logVar', layers: layersOf(heads.logVar), shape: [...heads.logVar.outputShape] });
    }
    return { part, inputShape, trunk: layersOf(model.encoder), outputs };
  }
  const tail = part === 'predictor' ? model.predictor! : model.decoder!;
  const front = part === 'decoder' ? [] : [...layersOf(model.encoder), ...(heads ? layersOf(heads.code) : [])];
  const trunk = [...front, ...layersOf(tail), ...outputActivation(model, tail.outputShape, tail.scope)];
  const name = part === 'autoencoder' ? 'reconstruction' : part === 'predictor' ? 'prediction' : 'output';
  return { part, inputShape, trunk, outputs: [{ name, layers: [], shape: [...tail.outputShape] }] };
}
