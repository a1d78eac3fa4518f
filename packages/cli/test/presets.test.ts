/**
 * Presets on the command line: `--variant mult-dae` is found by importing
 * the installed variant packages (no package is named after it), and
 * `--variant mult-vae` expands to the paper's three variants, sized by
 * --latent / --hidden and reached by --set. The first test must run before
 * anything imports @hourglass/variant-mult-vae in this process.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getPreset } from '@hourglass/core';
import { installedVariantPackages } from '../src/discover.js';
import { variantChoices } from '../src/options.js';
import { ensureVariants } from '../src/variants.js';
import { hourglass, tempDir } from './in-process.js';

const dir = tempDir();

describe('presets in --variant', () => {
  it('finds mult-dae, which no package is named after, by importing the installed variant packages', async () => {
    expect(getPreset('mult-dae')).toBeUndefined();
    const scans: string[][] = [];
    const discover = async () => {
      const names = await installedVariantPackages();
      scans.push(names);
      return names;
    };
    await ensureVariants(['mult-dae'], discover);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toContain('mult-vae');
    expect(variantChoices('mult-dae', { latent: 16 }, [])).toEqual([
      { name: 'mult-vae', config: { hidden: [600], latent: 16 } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.5 } },
    ]);
  });

  it('scans the installed packages only for a name not found otherwise', async () => {
    const refuse = async (): Promise<string[]> => {
      throw new Error('scanned the installed packages');
    };
    await expect(ensureVariants(['mult-vae'], refuse)).resolves.toBeUndefined();
    await expect(ensureVariants(['undercomplete', 'denoising'], refuse)).resolves.toBeUndefined();
  });

  it('expands mult-vae with --latent as the code size and applies --set to the expansion', () => {
    expect(variantChoices('mult-vae', { latent: 64 }, ['variational.beta=0.3'])).toEqual([
      { name: 'mult-vae', config: { hidden: [600], latent: 0 } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.5 } },
      { name: 'variational', config: { latent: 64, beta: 0.3, anneal: 200000 } },
    ]);
    expect(variantChoices('mult-vae', { hidden: [300, 100], loss: 'bce' }, ['denoising.rate=0.2'])).toEqual([
      { name: 'mult-vae', config: { hidden: [300, 100], latent: 0, loss: 'bce' } },
      { name: 'denoising', config: { noise: 'masking', rate: 0.2 } },
      { name: 'variational', config: { latent: 200, beta: 0.2, anneal: 200000 } },
    ]);
    expect(() => variantChoices('mult-vae', {}, ['sparse.weight=1'])).toThrow(
      '--set sparse.weight=1: variant "sparse" is not in --variant (preset mult-vae: mult-vae,denoising,variational)',
    );
  });

  it('reads a name in a list as a variant: mult-vae,denoising is the architecture and a corruption', () => {
    expect(variantChoices('mult-vae,denoising', { latent: 5 }, [])).toEqual([
      { name: 'mult-vae', config: { latent: 5 } },
      { name: 'denoising', config: {} },
    ]);
  });

  it('still lists the registered variants, and now the presets, for a truly unknown name', async () => {
    await expect(ensureVariants(['no-such-variant'])).rejects.toThrow(
      /^unknown variant "no-such-variant": no plug-in registers it and the package @hourglass\/variant-no-such-variant is not installed; registered: .*\bmult-vae\b.*\bundercomplete\b.*; presets \(alone in --variant\): mult-dae, mult-vae$/,
    );
    await expect(ensureVariants(['mult-dae', 'denoising'])).rejects.toThrow(/^unknown variant "mult-dae": .*; presets \(alone in --variant\): mult-dae, mult-vae$/);
  });

  it('trains the preset from the command line; the saved recipe holds the expanded variants', async () => {
    const out = join(dir, 'mult-vae');
    const r = await hourglass('train', '--variant', 'mult-vae', '--hidden', '16', '--latent', '4', '--set', 'variational.beta=0.3', '--limit', '64', '--epochs', '1', '--backend', 'cpu', '--quiet', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    const variants = config.recipe.variants as Array<{ name: string; config: Record<string, unknown> }>;
    expect(variants.map((v) => v.name)).toEqual(['mult-vae', 'denoising', 'variational']);
    expect(variants[0].config).toMatchObject({ hidden: [16], latent: 0, loss: 'multinomial' });
    expect(variants[1].config).toMatchObject({ noise: 'masking', rate: 0.5 });
    expect(variants[2].config).toEqual({ latent: 4, beta: 0.3, anneal: 200000 });
  });

  it('lists presets in `hourglass variants`, in text and in --json', async () => {
    const json = await hourglass('variants', '--json');
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<{ name: string; role: string; variants?: unknown }>;
    expect(rows.find((r) => r.name === 'mult-vae')!.role).toBe('architecture');
    expect(rows.filter((r) => r.role === 'preset')).toEqual([
      expect.objectContaining({ name: 'mult-dae', variants: [{ name: 'mult-vae', config: { hidden: [600], latent: 200 } }, { name: 'denoising', config: { noise: 'masking', rate: 0.5 } }] }),
      expect.objectContaining({ name: 'mult-vae', variants: [{ name: 'mult-vae', config: { hidden: [600], latent: 0 } }, { name: 'denoising', config: { noise: 'masking', rate: 0.5 } }, { name: 'variational', config: { latent: 200, beta: 0.2, anneal: 200000 } }] }),
    ]);
    const text = await hourglass('variants');
    expect(text.stdout).toContain('mult-dae (preset): Mult-DAE (Liang et al. 2018)');
    expect(text.stdout).toContain('    = mult-vae{hidden=[600],latent=0} + denoising{noise="masking",rate=0.5} + variational{latent=200,beta=0.2,anneal=200000}');
  });
});
