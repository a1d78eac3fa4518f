/**
 * Assembles a kernel module written in WebAssembly text (`*.wat`) into the
 * TypeScript file beside it (`*-wasm.ts`), which carries the binary as
 * base64 so that it ships inside the package's JS for Node, browsers and
 * bundlers alike. The text imports tfjs' memory as
 * `(import "env" "memory" MEMORY_IMPORT)`; two
 * binaries are made, one importing a shared memory (the threaded build's)
 * and one an unshared memory (the others'), since an import must match.
 *
 *   node scripts/assemble-wat.mjs src/kernels/pool/pool-kernels.wat
 *
 * `test/wat-sync.test.ts` checks that the committed file matches its text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const FEATURES = { simd: true, bulk_memory: true, threads: true };
const MEMORY = { shared: '(memory 1 65536 shared)', unshared: '(memory 1)' };

/** The two binaries of a module's text, as base64. */
export async function assembleWat(text, name = 'module.wat') {
  const wabt = await initWabt();
  const out = {};
  for (const [kind, memory] of Object.entries(MEMORY)) {
    const module = wabt.parseWat(name, text.replace('(import "env" "memory" MEMORY_IMPORT)', `(import "env" "memory" ${memory})`), FEATURES);
    try {
      module.resolveNames();
      module.validate(FEATURES);
      out[kind] = Buffer.from(module.toBinary({}).buffer).toString('base64');
    } finally {
      module.destroy();
    }
  }
  return out;
}

/** The generated TypeScript for a `.wat` file. */
export async function generatedSource(watPath) {
  const binaries = await assembleWat(readFileSync(watPath, 'utf8'), basename(watPath));
  return [
    `/** Generated from ${basename(watPath)} by scripts/assemble-wat.mjs; do not edit. */`,
    `export const WASM_BASE64 = {`,
    `  shared: '${binaries.shared}',`,
    `  unshared: '${binaries.unshared}',`,
    `} as const;`,
    '',
  ].join('\n');
}

export const outputPath = (watPath) => watPath.replace(/\.wat$/, '-wasm.ts');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const wat of process.argv.slice(2)) {
    writeFileSync(outputPath(wat), await generatedSource(wat));
    console.log(`${wat} -> ${outputPath(wat)}`);
  }
}
