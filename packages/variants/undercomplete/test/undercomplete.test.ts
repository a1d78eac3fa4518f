import { describe, expect, it, vi } from 'vitest';
import { Autoencoder, getVariant, registerVariant } from '@hourglass/core';
import { variantContractSuite } from '@hourglass/core/testing';
import { undercomplete } from '../src/index.js';

variantContractSuite({
  variant: undercomplete,
  config: { latent: 4, hidden: [12] },
  badConfigs: [
    { config: { latent: 0 }, message: 'variant "undercomplete".latent: expected an integer >= 1, got 0' },
    { config: { hidden: [12, 0] }, message: /hidden\[1\]: expected an integer >= 1/ },
    { config: { loss: 'l1' }, message: /loss: expected one of "bce", "mse"/ },
  ],
});

variantContractSuite({ variant: undercomplete, config: { latent: 3, hidden: [8], loss: 'mse' }, inputShape: [4, 4, 1] });

describe('undercomplete', () => {
  it('defaults to the classic deep autoencoder 784-128-64-32-64-128-784', () => {
    const m = Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'undercomplete' }] });
    const dense = (layers: readonly { type: string; outputShape: number[] }[]) => layers.filter((l) => l.type === 'dense').map((l) => l.outputShape[0]);
    expect(dense(m.encoder.layers)).toEqual([128, 64, 32]);
    expect(dense(m.decoder!.layers)).toEqual([64, 128, 784]);
    expect(m.encoder.layers.map((l) => l.spec.activation ?? l.type)).toEqual(['flatten', 'relu', 'relu', 'relu']);
    expect(m.loss).toBe('bce');
    expect(m.parameterCount).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 32 + 32 + 32 * 64 + 64 + 64 * 128 + 128 + 128 * 784 + 784);
    m.dispose();
  });
  it('registers through its register entry', async () => {
    await import('../src/register.js');
    expect(getVariant('undercomplete').role).toBe('architecture');
  });
});

describe('undercomplete code size', () => {
  it('warns once when the code is not smaller than the input, and not when it is', () => {
    registerVariant(undercomplete);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      Autoencoder.create({ inputShape: [8], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [6] } }] }).dispose();
      expect(warn).not.toHaveBeenCalled();
      Autoencoder.create({ inputShape: [2, 2], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [6] } }] }).dispose();
      Autoencoder.create({ inputShape: [2, 2], variants: [{ name: 'undercomplete', config: { latent: 4, hidden: [6] } }] }).dispose();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toBe(
        'warning: undercomplete: the code (latent 4) is not smaller than the input (4 values), so the model can learn to copy its input and compresses nothing; use a latent below 4, or add a regularizer such as "sparse", "denoising" or "contractive"',
      );
    } finally {
      warn.mockRestore();
    }
  });
});
