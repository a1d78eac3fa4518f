/**
 * An esbuild plugin that bundles tfjs-core's gradient registration
 * (`@tensorflow/tfjs-core/dist/register_all_gradients`) without a second copy
 * of tfjs-core.
 *
 * That module cannot be imported by Node as shipped (extensionless ESM
 * imports), so core's build bundles it. Bundled as is, it brings along every
 * op, the engine and the tensor class it imports: a second tfjs-core beside
 * the one every app already has. This plugin keeps only the gradient files
 * (`gradients/*`, their helper `min_max_grad_util`, and the few backprop ops
 * tfjs-core does not export) and rewrites each of their other imports to read
 * from the public entry `@tensorflow/tfjs-core`, which stays external:
 *
 *   import { mul } from '../ops/mul';          ->  const { mul } = tfc;
 *   import { parseAxisParam } from '../util';  ->  const { parseAxisParam } = tfc.util;
 *   import * as util from '../util';           ->  const util = tfc.util;
 *   import { ENGINE } from '../engine';        ->  const ENGINE = tfc.engine();
 *
 * where `tfc` is `import * as tfc from '@tensorflow/tfjs-core'`. A name that
 * the public entry does not carry fails the build, naming the file and the
 * import, so a tfjs-core upgrade cannot silently bring the copy back.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { Plugin } from 'esbuild';

const require = createRequire(import.meta.url);
const TFJS_CORE = '@tensorflow/tfjs-core';

/** Modules of tfjs-core/dist that are bundled (the gradients and what only they use); all else is read from the public entry. */
const BUNDLED = [
  /^register_all_gradients$/,
  /^gradients\/[A-Za-z0-9]+_grad$/,
  /^gradients\/min_max_grad_util$/,
  /^ops\/(conv2d|conv3d)_backprop_(filter|input)$/,
  /^ops\/depthwise_conv2d_native_backprop_(filter|input)$/,
  /^ops\/local_response_normalization_backprop$/,
  /^ops\/(avg|max)_pool(_3d)?_grad$/,
];

/** Public namespaces that re-export a deep module, for the names the top level does not carry. */
const NAMESPACES = ['util', 'backend_util', 'broadcast_util', 'slice_util'];

/** The namespace a deep module is imported as a whole (`import * as x from`) through. */
const NAMESPACE_OF: Record<string, string> = {
  util: 'util',
  'ops/conv_util': 'backend_util',
  'ops/axis_util': 'backend_util',
  'ops/broadcast_util': 'broadcast_util',
};

/**
 * Deep helpers with no public counterpart, written against the public entry. The
 * pooling backprop ops convert their arguments, which inside a gradient are
 * always tensors of the forward pass.
 */
const SUBSTITUTES: Record<string, string> = {
  'tensor_util_env:convertToTensor': [
    '(x, argName, functionName) => {',
    '  if (!(x instanceof __tfc.Tensor)) return __tfc.tensor(x);',
    "  if (x.dtype === 'string') throw new Error('Argument ' + argName + ' passed to ' + functionName + ' must be a numeric tensor, got a string tensor');",
    '  return x;',
    '}',
  ].join('\n'),
};

const IMPORT = /^import (?:\{([^}]*)\}|\* as (\w+)) from '([^']+)';$/gm;

/**
 * @example
 * // tsup.config.ts
 * packageConfig(entries, { noExternal: [/register_all_gradients/], esbuildPlugins: [tfjsGradientsPlugin()] });
 */
export function tfjsGradientsPlugin(): Plugin {
  const publicEntry = require(TFJS_CORE) as Record<string, unknown>;
  const has = (ns: string | null, name: string) => {
    const scope = ns === null ? publicEntry : (publicEntry[ns] as Record<string, unknown> | undefined);
    return scope != null && name in scope;
  };
  const owner = (name: string) => (has(null, name) ? null : NAMESPACES.find((ns) => has(ns, name)));

  return {
    name: 'tfjs-gradients-without-a-second-tfjs-core',
    setup(build) {
      const dist = dirname(require.resolve(`${TFJS_CORE}/dist/register_all_gradients.js`));
      const moduleOf = (file: string) => relative(dist, file).replace(/\\/g, '/').replace(/\.js$/, '');
      const bundled = (module: string) => BUNDLED.some((re) => re.test(module));

      build.onLoad({ filter: /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
        const module = moduleOf(path);
        if (!bundled(module)) throw new Error(`tfjs-core's ${module} would be bundled: core must read it from '${TFJS_CORE}'`);
        const source = await readFile(path, 'utf8');
        const lines: string[] = [];
        const body = source.replace(IMPORT, (statement, names: string | undefined, star: string | undefined, from: string) => {
          const target = moduleOf(join(dirname(path), from));
          if (bundled(target)) return statement;
          const fail = (what: string) => new Error(`${module}: ${what} (from '${from}') is not in the public '${TFJS_CORE}' entry`);
          if (star) {
            const ns = NAMESPACE_OF[target];
            if (!ns) throw fail(`import * as ${star}`);
            const used = new Set([...source.matchAll(new RegExp(`\\b${star}\\.(\\w+)`, 'g'))].map((m) => m[1]));
            for (const name of used) if (!has(ns, name)) throw fail(`${star}.${name}`);
            lines.push(`const ${star} = __tfc.${ns};`);
            return '';
          }
          for (const spec of names!.split(',').map((s) => s.trim()).filter(Boolean)) {
            const [name, alias = name] = spec.split(/\s+as\s+/);
            if (name === 'ENGINE' && target === 'engine') lines.push(`const ${alias} = __tfc.engine();`);
            else if (SUBSTITUTES[`${target}:${name}`]) lines.push(`const ${alias} = ${SUBSTITUTES[`${target}:${name}`]};`);
            else {
              const ns = owner(name);
              if (ns === undefined) throw fail(name);
              lines.push(`const ${alias} = __tfc${ns ? `.${ns}` : ''}.${name};`);
            }
          }
          return '';
        });
        const header = lines.length ? `import * as __tfc from '${TFJS_CORE}';\n${lines.join('\n')}\n` : '';
        return { contents: header + body, loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}
