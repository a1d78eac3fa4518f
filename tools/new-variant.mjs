#!/usr/bin/env node
/**
 * Scaffolds a variant plug-in package that builds and passes core's variant
 * contract suite before anyone edits it.
 *
 *   node tools/new-variant.mjs <name> --role architecture|latent|corruption|regularizer [--dir packages/variants]
 *
 * Then: `npm install` (links the new workspace), `cd packages/variants/<name>
 * && npx vitest run`, and fill in src/variant.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderVariant } from './new-variant/templates.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function newVariant({ name, role, dir = join(root, 'packages/variants') }) {
  if (!/^[a-z][a-z0-9-]*$/.test(name ?? '')) throw new Error(`name: expected lower-case letters, digits and dashes, got ${JSON.stringify(name)}`);
  const roles = ['architecture', 'latent', 'corruption', 'regularizer'];
  if (!roles.includes(role)) throw new Error(`--role: expected one of ${roles.join(', ')}, got ${JSON.stringify(role)}`);
  const target = join(dir, name);
  if (existsSync(target)) throw new Error(`${relative(process.cwd(), target)} already exists`);
  const core = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'));
  const files = renderVariant({ name, role, coreVersion: core.version, base: relative(target, join(root, 'tsconfig.base.json')).replaceAll('\\', '/'), directory: relative(root, target).replaceAll('\\', '/'), license: readFileSync(join(root, 'LICENSE'), 'utf8') });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    writeFileSync(join(target, file), text);
  }
  return { target, files: Object.keys(files) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [name, ...rest] = process.argv.slice(2);
  const opt = (flag) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  try {
    const { target, files } = newVariant({ name, role: opt('--role'), dir: opt('--dir') && resolve(opt('--dir')) });
    console.log(`created ${relative(process.cwd(), target)}: ${files.join(', ')}`);
    console.log(`next: npm install && (cd ${relative(process.cwd(), target)} && npx vitest run), then edit src/variant.ts`);
  } catch (e) {
    console.error(`new-variant: ${e.message}`);
    process.exit(1);
  }
}
