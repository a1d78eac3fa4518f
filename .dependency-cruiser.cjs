/**
 * Who may import whom (CONTRIBUTING.md, "Layout"), checked by
 * dependency-cruiser over every package's `src/`: `npm run lint:imports`.
 *
 *   errors    imports nothing
 *   data      imports errors (no tfjs, no core)
 *   core      imports errors and tfjs-core (its testing entry also vitest and tfjs' cpu backend)
 *   variants  import core and errors, never another variant; a variant's register
 *             entry may import another's register entry (what its presets need)
 *   backend-wasm, backend-node   import core, errors and their own tfjs backend, not each other
 *   backends  imports the two backends, core and errors
 *   export    imports core, errors and the layers variant (what imported networks are built as); no backend, data or CLI
 *   cli       imports any of them, but finds variants through the registry, never by a static import
 *
 * Import cycles of values are forbidden everywhere.
 *
 * Workspace packages resolve through their node_modules links to the real
 * folders, so the rules are written on paths (`packages/<name>/`) and hold
 * for relative and package imports alike. tools/test/import-rules.test.ts
 * checks that each rule fails on a wrong-way import.
 */
const pkg = (name) => `^packages/${name}/`;
const WORKSPACE = '^packages/';
const TFJS = '(^|/)@tensorflow/';
/** A variant package's `/register` entry. */
const VARIANT_REGISTER = '^packages/variants/([^/]+)/src/register\\.ts$';

/** A rule forbidding imports from `from` (a path pattern) to `to`. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

module.exports = {
  forbidden: [
    // A loop closed by a type-only import is gone at run time (no load-order trap), so only loops of value imports count.
    forbid('no-cycles', 'A cycle of value imports makes its files one unit, loaded in an order that depends on the entry point.', { path: WORKSPACE }, {
      circular: true,
      viaOnly: { dependencyTypesNot: ['type-only'] },
    }),
    forbid('errors-imports-nothing', '@hourglass/errors has no dependencies: every package may import it.', { path: pkg('errors') }, {
      pathNot: [pkg('errors'), '^node:'],
      dependencyTypesNot: ['core'],
    }),
    forbid('data-no-tfjs', '@hourglass/data is plain typed arrays: no tfjs.', { path: pkg('data') }, { path: TFJS }),
    forbid('data-only-errors', '@hourglass/data knows no other Hourglass package than errors.', { path: pkg('data') }, {
      path: WORKSPACE,
      pathNot: [pkg('data'), pkg('errors')],
    }),
    forbid('core-knows-no-plugin', 'core knows no variant, backend, file format of data, or the CLI.', { path: pkg('core') }, {
      path: WORKSPACE,
      pathNot: [pkg('core'), pkg('errors')],
    }),
    forbid('core-only-tfjs-core', 'core depends on tfjs-core only (its testing entry also loads the cpu backend as the reference).', { path: pkg('core') }, {
      path: TFJS,
      pathNot: ['@tensorflow/tfjs-core/', '@tensorflow/tfjs-backend-cpu/'],
    }),
    forbid('variants-only-core', 'A variant plug-in depends on core (and errors) only.', { path: pkg('variants/([^/]+)'), pathNot: VARIANT_REGISTER }, {
      path: WORKSPACE,
      pathNot: [pkg('core'), pkg('errors'), pkg('variants/$1')],
    }),
    forbid('variant-register-only-registers', "A variant's register entry may also import another variant's register entry (the variants its presets expand to), nothing else of it.", { path: VARIANT_REGISTER }, {
      path: WORKSPACE,
      pathNot: [pkg('core'), pkg('errors'), pkg('variants/$1'), '^packages/variants/[^/]+/(src/register\\.ts|dist/register\\.)'],
    }),
    forbid('variants-no-tfjs-backend', 'A variant runs on whatever backend is active.', { path: pkg('variants') }, { path: '(^|/)@tensorflow/tfjs-(backend|node)' }),
    forbid('backend-only-core', 'A backend adapter depends on core, errors and its own tfjs backend, not on another backend.', { path: pkg('(backend-wasm|backend-node)') }, {
      path: WORKSPACE,
      pathNot: [pkg('core'), pkg('errors'), pkg('$1')],
    }),
    forbid('backends-no-cli-data-variants', '@hourglass/backends picks a backend: it knows the backends, core and errors only.', { path: pkg('backends') }, {
      path: WORKSPACE,
      pathNot: [pkg('backends'), pkg('backend-wasm'), pkg('backend-node'), pkg('core'), pkg('errors')],
    }),
    forbid('export-only-core-and-layers', '@hourglass/export writes and reads networks: it knows core, errors and the layers variant it builds imported networks with.', { path: pkg('export') }, {
      path: WORKSPACE,
      pathNot: [pkg('export'), pkg('core'), pkg('errors'), pkg('variants/layers')],
    }),
    forbid('cli-no-variant-by-name', 'The CLI finds variants through the registry (`--variant <name>`), never by a static import.', { path: pkg('cli') }, { path: pkg('variants') }),
    forbid('no-imports-of-tests', 'Published code never imports a test.', { path: '^packages/.+/src/' }, { path: '^packages/.+/test/' }),
  ],
  options: {
    doNotFollow: { path: 'node_modules|(^|/)dist/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
