import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, getPreset, listPresets, registerPreset, unregisterPreset, type PresetDefinition } from '../src/index.js';

const plain: PresetDefinition = {
  name: 'test-masked-ae',
  description: 'an undercomplete autoencoder on masked inputs',
  variants: (o) => [
    { name: 'undercomplete', config: { latent: o.latent ?? 8, ...(o.hidden && { hidden: o.hidden }) } },
    { name: 'denoising', config: { noise: 'masking', rate: 0.3 } },
  ],
};

afterEach(() => {
  for (const name of ['test-masked-ae', 'test-a-first']) unregisterPreset(name);
});

describe('presets', () => {
  it('registers, looks up and expands a preset; an unknown name is undefined', () => {
    expect(getPreset('test-masked-ae')).toBeUndefined();
    registerPreset(plain);
    expect(getPreset('test-masked-ae')).toBe(plain);
    expect(getPreset('test-masked-ae')!.variants({ latent: 4, hidden: [16] })).toEqual([
      { name: 'undercomplete', config: { latent: 4, hidden: [16] } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.3 } },
    ]);
  });
  it('lists presets sorted by name', () => {
    registerPreset(plain);
    registerPreset({ name: 'test-a-first', description: 'first', variants: () => [{ name: 'undercomplete' }] });
    const names = listPresets().map((p) => p.name);
    expect(names.indexOf('test-a-first')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('test-a-first')).toBeLessThan(names.indexOf('test-masked-ae'));
  });
  it('ignores the same definition registered twice (two copies of a package), refuses another one under the name', () => {
    registerPreset(plain);
    registerPreset({ ...plain, variants: (o) => plain.variants(o) });
    expect(getPreset('test-masked-ae')).toBe(plain);
    expect(() => registerPreset({ ...plain, variants: () => [{ name: 'undercomplete' }] })).toThrow(
      new ConfigError('preset "test-masked-ae" is already registered with another definition; cannot register a second one under that name'),
    );
    expect(() => registerPreset({ ...plain, description: 'something else' })).toThrow(/already registered with another definition/);
    expect(getPreset('test-masked-ae')).toBe(plain);
  });
  it('refuses a name that is not a variant-style name, and a definition without variants()', () => {
    expect(() => registerPreset({ ...plain, name: 'Mult VAE' })).toThrow('preset name "Mult VAE" must be lower-case letters, digits and dashes');
    expect(() => registerPreset({ ...plain, variants: undefined as unknown as PresetDefinition['variants'] })).toThrow('preset "test-masked-ae" must define variants()');
    expect(getPreset('test-masked-ae')).toBeUndefined();
  });
});
