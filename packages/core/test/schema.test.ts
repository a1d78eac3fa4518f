import { describe, expect, it } from 'vitest';
import { s, ConfigError, isHourglassError } from '../src/index.js';

const schema = s.object({
  latent: s.int({ min: 1, default: 32 }),
  rate: s.number({ min: 0, lt: 1, default: 0.1 }),
  hidden: s.array(s.int({ min: 1 }), { default: [128, 64] }),
  loss: s.enum(['bce', 'mse'] as const, { default: 'bce' }),
  flag: s.boolean({ default: false }),
  name: s.optional(s.string()),
  required: s.number(),
});

describe('schema', () => {
  it('fills defaults and keeps given values', () => {
    expect(schema.parse({ required: 1, latent: 4 })).toEqual({ latent: 4, rate: 0.1, hidden: [128, 64], loss: 'bce', flag: false, name: undefined, required: 1 });
  });
  it('does not share default arrays between results', () => {
    const a = schema.parse({ required: 1 });
    a.hidden.push(1);
    expect(schema.parse({ required: 1 }).hidden).toEqual([128, 64]);
  });
  it.each([
    [{ required: 1, latent: 0 }, 'v.latent: expected an integer >= 1, got 0'],
    [{ required: 1, latent: 2.5 }, 'v.latent: expected an integer >= 1, got 2.5'],
    [{ required: 1, rate: 1 }, 'v.rate: expected a finite number >= 0 and < 1, got 1'],
    [{ required: 1, hidden: [8, -1] }, 'v.hidden[1]: expected an integer >= 1, got -1'],
    [{ required: 1, loss: 'l2' }, 'v.loss: expected one of "bce", "mse", got "l2"'],
    [{ required: 1, flag: 'yes' }, 'v.flag: expected true or false, got "yes"'],
    [{ required: 1, latnet: 3 }, 'v: unknown option "latnet"; allowed: latent, rate, hidden, loss, flag, name, required'],
    [{}, 'v.required: required, expected a finite number'],
    [{ required: Number.NaN }, 'v.required: expected a finite number, got null'],
  ])('reports %o by name', (input, message) => {
    expect(() => schema.parse(input, 'v')).toThrow(ConfigError);
    expect(() => schema.parse(input, 'v')).toThrow(message);
  });
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('rejects the Object.prototype name %s as an unknown option', (key) => {
    const input = JSON.parse(`{"required": 1, "${key}": 1}`);
    expect(() => schema.parse(input, 'v')).toThrow(`v: unknown option "${key}"; allowed: latent`);
  });
  it('names the field and has the code CONFIG', () => {
    const e = (() => {
      try {
        schema.parse({ required: 1, latent: 0 }, 'v');
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(e).toMatchObject({ code: 'CONFIG', field: 'v.latent', name: 'ConfigError' });
    expect(isHourglassError(e)).toBe(true);
  });
  it('rejects non-objects', () => {
    expect(() => schema.parse([1], 'v')).toThrow('v: expected an object');
  });
});
