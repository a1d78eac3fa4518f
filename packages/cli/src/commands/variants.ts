/**
 * `hourglass variants`: the registered variant plug-ins and their options,
 * then the presets (a name for a whole variant list) and what each expands
 * to at its defaults. In `--json`, presets follow the variants as rows of
 * role "preset" with their `variants` list.
 */
import { listPresets, listVariants, type VariantChoice } from '@hourglass/core';
import { ensureVariants } from '../variants.js';
import { installedVariantPackages } from '../discover.js';

/** A choice as `name{key=value,...}`, as one would pass it with --set. */
const choiceText = (c: VariantChoice) =>
  `${c.name}${c.config && Object.keys(c.config).length ? `{${Object.entries(c.config).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : ''}`;

export async function variantsCommand(opts: { json: boolean }): Promise<number> {
  await ensureVariants(await installedVariantPackages());
  const rows = listVariants().map((v) => ({
    name: v.name,
    role: v.role,
    version: v.version,
    description: v.description,
    options: Object.fromEntries(
      Object.entries(v.options.fields).map(([k, f]) => [k, { expected: f.expected, default: f.defaultValue, doc: f.doc }]),
    ),
  }));
  const presets = listPresets().map((p) => ({ name: p.name, role: 'preset' as const, description: p.description, variants: p.variants({}) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify([...rows, ...presets]) + '\n');
    return 0;
  }
  for (const r of rows) {
    process.stdout.write(`${r.name} (${r.role}, ${r.version}): ${r.description}\n`);
    for (const [k, o] of Object.entries(r.options))
      process.stdout.write(`    ${k}: ${o.expected}${o.default !== undefined ? ` (default ${JSON.stringify(o.default)})` : ''}${o.doc ? ` - ${o.doc}` : ''}\n`);
  }
  if (presets.length) process.stdout.write('\npresets (--variant <preset> alone; --latent, --hidden and --loss size it, --set reaches its variants):\n');
  for (const p of presets) process.stdout.write(`${p.name} (preset): ${p.description}\n    = ${p.variants.map(choiceText).join(' + ')}\n`);
  return 0;
}
