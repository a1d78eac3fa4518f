/** `hourglass variants`: the registered variant plug-ins and their options. */
import { listVariants } from '@hourglass/core';
import { ensureVariants } from '../variants.js';
import { installedVariantPackages } from '../discover.js';

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
  if (opts.json) {
    process.stdout.write(JSON.stringify(rows) + '\n');
    return 0;
  }
  for (const r of rows) {
    process.stdout.write(`${r.name} (${r.role}, ${r.version}): ${r.description}\n`);
    for (const [k, o] of Object.entries(r.options))
      process.stdout.write(`    ${k}: ${o.expected}${o.default !== undefined ? ` (default ${JSON.stringify(o.default)})` : ''}${o.doc ? ` - ${o.doc}` : ''}\n`);
  }
  return 0;
}
