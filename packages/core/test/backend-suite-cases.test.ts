/**
 * The backend conformance suite derives its layer cases from the registries:
 * every activation, every registered layer type, and a layer type registered
 * after core (by a plug-in) without a line in the suite.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, defineLayer, layerTypes, makeWeight, registerLayer, s, tf } from '../src/index.js';
import { backendConformanceSuite, conformanceCases } from '../src/testing/index.js';

// A plug-in's layer type: y = x * scale, one weight per channel.
const scale = defineLayer('test-scale', s.object({ init: s.number({ default: 0.5 }) }), (o, inputShape, ctx) => {
  const channels = inputShape[inputShape.length - 1];
  const w = makeWeight(ctx, 'scale', [channels], 'glorotUniform', channels, channels);
  return { outputShape: inputShape, weights: [w], apply: (x) => tf.mul(tf.mul(x, w.variable), o.init) };
});
// A layer type that cannot build without options.
const needy = defineLayer('test-needy', s.object({ units: s.int({ min: 1 }) }), (o, inputShape) => ({ outputShape: [...inputShape.slice(0, -1), o.units], weights: [], apply: (x) => x }));
registerLayer(scale.type, scale.builder);
registerLayer(needy.type, needy.builder);

describe('conformanceCases', () => {
  const cases = conformanceCases();
  it('has every activation in a dense layer and as a layer of its own', () => {
    for (const activation of ACTIVATIONS) {
      expect(cases).toContainEqual(expect.objectContaining({ spec: { type: 'dense', units: 7, activation } }));
      expect(cases).toContainEqual(expect.objectContaining({ spec: { type: 'activation', activation } }));
    }
  });
  it('has a case for every registered layer type, one registered after core included', () => {
    expect(layerTypes()).toContain('test-scale');
    expect(new Set(cases.map((c) => c.spec.type))).toEqual(new Set(layerTypes()));
    expect(cases.find((c) => c.spec.type === 'test-scale')).toMatchObject({ label: 'test-scale (default options)', defaulted: true });
  });
  it('takes the cases a plug-in gives for its layer types instead of made-up ones', () => {
    const given = { label: 'needy 3', spec: { type: 'test-needy', units: 3 }, inputShape: [4] };
    const withGiven = conformanceCases([given]);
    expect(withGiven.filter((c) => c.spec.type === 'test-needy')).toEqual([given]);
  });
});

// The suite itself, cpu against cpu, runs the made-up case of the new layer type and the given one.
backendConformanceSuite({ backend: 'cpu', setup: async () => {}, layerCases: [{ label: 'needy 3', spec: { type: 'test-needy', units: 3 }, inputShape: [4] }] });

