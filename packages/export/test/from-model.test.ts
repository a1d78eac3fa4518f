/**
 * What cannot be exported is refused before anything is written, naming
 * what stands in the way: a plug-in's own layer type (with the list of
 * types that export), a conditional model, a residual model's
 * reconstruction, a part the model lacks, and non-finite weights.
 */
import { Autoencoder, defineLayer, registerLayer, s, tf } from '@hourglass/core';
import { describe, expect, it } from 'vitest';
import { EXPORTABLE_LAYER_TYPES, exportModel, portableNetwork } from '../src/index.js';
import './architectures.js';

const scale = defineLayer('scaleBy', s.object({ by: s.number() }), (o, shape) => ({ outputShape: shape, weights: [], apply: (x) => tf.mul(x, o.by) }));
registerLayer(scale.type, scale.builder);

const dense = (extra: Record<string, unknown> = {}) =>
  Autoencoder.create({ inputShape: [6], variants: [{ name: 'undercomplete', config: { latent: 2, hidden: [4] } }], seed: 1, ...extra });

describe('what cannot be exported', () => {
  it("names a plug-in's layer type and lists the types that export", async () => {
    const model = Autoencoder.create({
      inputShape: [6],
      variants: [{ name: 'layers', config: { encoder: [{ type: 'scaleBy', by: 2 }, { type: 'dense', units: 2 }], decoder: [{ type: 'dense', units: 6 }] } }],
    });
    const message = `layer "encoder/scaleBy_0" has type "scaleBy", which cannot be exported (it comes from a plug-in); the layer types that export are: ${EXPORTABLE_LAYER_TYPES.join(', ')}`;
    expect(() => portableNetwork(model)).toThrow(message);
    await expect(exportModel(model, { format: 'onnx' })).rejects.toThrow(message);
  });

  it('refuses a conditional model and the reconstruction of a residual one, but exports the residual encoder', () => {
    expect(() => portableNetwork(dense({ condition: { classes: 3 } }))).toThrow(/a conditional model cannot be exported/);
    const residual = dense({ residual: true });
    expect(() => portableNetwork(residual)).toThrow(/the autoencoder of a residual model cannot be exported: its output adds the logit of its own input/);
    expect(portableNetwork(residual, { part: 'encoder' }).outputs[0].shape).toEqual([2]);
  });

  it('refuses parts the model lacks and unknown parts', () => {
    expect(() => portableNetwork(dense(), { part: 'predictor' })).toThrow(/this model has no predictor \(it has no target\)/);
    const forecaster = Autoencoder.create({ inputShape: [6, 1], variants: [{ name: 'recurrent', config: { units: [3] } }], target: { shape: [2, 1], objective: 'predict' } });
    expect(() => portableNetwork(forecaster, { part: 'decoder' })).toThrow(/this model has no decoder \(its objective is 'predict'\)/);
    expect(() => portableNetwork(dense(), { part: 'middle' as never })).toThrow(/unknown part "middle"; expected one of autoencoder, encoder, decoder, predictor/);
  });

  it('does not export a model with a NaN weight, and names the weight', async () => {
    const model = dense();
    const w = model.weights[1];
    w.variable.assign(tf.fill(w.variable.shape, Number.NaN));
    await expect(exportModel(model, { format: 'tfjs-layers' })).rejects.toThrow(/weight "encoder\/dense_0\/bias" holds NaN at index 0: a model with non-finite weights is not exported/);
  });
});
