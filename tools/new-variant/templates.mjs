/** File templates of a new variant package, one role-specific plug-in body each. */

const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

const bodies = {
  architecture: (id) => `  // A dense encoder to a code of \`latent\` units and a dense decoder back.
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => [
    ...(inputShape.length > 1 ? [{ type: 'flatten' }] : []),
    { type: 'dense', units: cfg.latent, activation: 'relu' },
  ],
  decoder: (_cfg, { inputShape }) => [
    { type: 'dense', units: inputShape.reduce((a, b) => a * b, 1) },
    ...(inputShape.length > 1 ? [{ type: 'reshape', shape: inputShape }] : []),
  ],`,
  latent: (id) => `  // A deterministic linear map from the features to a code of \`size\` units.
  heads: (cfg, { featureShape }) => ({
    heads: { code: [...(featureShape.length > 1 ? [{ type: 'flatten' }] : []), { type: 'dense', units: cfg.size }] },
    codeShape: [cfg.size],
  }),
  forward: (_cfg, { features, heads, training }) => ({ code: heads.code.apply(features, { training }) }),`,
  corruption: (id) => `  // Adds Gaussian noise; use only the seed you are given.
  corrupt: (cfg, x, { seed }) => tf.add(x, tf.randomNormal(x.shape, 0, cfg.std, 'float32', seed)),`,
  regularizer: (id) => `  // An L2 penalty on the code, per sample, weighted.
  terms: (cfg, step) => ({ ${id}: tf.mul(tf.sum(tf.square(tf.reshape(step.code, [step.code.shape[0], -1])), 1), cfg.weight) }),`,
};

const optionsOf = {
  architecture: `  latent: s.int({ min: 1, default: 8, doc: 'code size' }),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'bce', doc: 'bce for data in [0, 1], mse otherwise' }),`,
  latent: `  size: s.int({ min: 1, default: 4, doc: 'code size' }),`,
  corruption: `  std: s.number({ min: 0, default: 0.1, doc: 'noise standard deviation' }),`,
  regularizer: `  weight: s.number({ min: 0, default: 1e-3, doc: 'multiplier of the penalty' }),`,
};

const REPOSITORY = 'https://github.com/hourglass-ml/hourglass';

export function renderVariant({ name, role, coreVersion, base, directory = `packages/variants/${name}`, license }) {
  const id = camel(name);
  const imports = role === 'architecture' ? 'RECONSTRUCTION_LOSSES, defineVariant, s' : role === 'latent' ? 'defineVariant, s' : 'defineVariant, s, tf';
  const needsArch = role !== 'architecture';
  const pkg = {
    name: `@hourglass/variant-${name}`,
    version: '0.1.0',
    description: `${name} (${role}) variant plug-in for Hourglass.`,
    license: 'MIT',
    author: 'The Hourglass authors',
    homepage: `${REPOSITORY}/tree/main/${directory}#readme`,
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory },
    bugs: { url: `${REPOSITORY}/issues` },
    keywords: ['autoencoder', 'tensorflowjs', 'tfjs', 'machine-learning', 'neural-network', 'hourglass-variant', name],
    type: 'module',
    sideEffects: ['./dist/register.js', './dist/register.cjs'],
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' }, require: { types: './dist/index.d.cts', default: './dist/index.cjs' } },
      './register': { import: { types: './dist/register.d.ts', default: './dist/register.js' }, require: { types: './dist/register.d.cts', default: './dist/register.cjs' } },
      './package.json': './package.json',
    },
    files: ['dist', 'README.md', 'LICENSE'],
    scripts: { build: 'tsup', test: 'vitest run', typecheck: 'tsc --noEmit -p tsconfig.json', 'lint:package': 'publint --strict && attw --pack . --profile node16' },
    // any 0.x core: a core minor release must not force a major release of every plug-in (.changeset/config.json)
    peerDependencies: { '@hourglass/core': `>=${coreVersion} <1.0.0` },
    devDependencies: { '@hourglass/core': coreVersion, '@tensorflow/tfjs-backend-cpu': '4.22.0', ...(needsArch ? { '@hourglass/variant-undercomplete': coreVersion } : {}), '@hourglass/tools': '0.0.0' },
    engines: { node: '>=20' },
  };
  return {
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    'tsconfig.json': JSON.stringify({ extends: base }, null, 2) + '\n',
    'tsup.config.ts': `import { packageConfig } from '@hourglass/tools/tsup';\n\nexport default packageConfig({ index: 'src/index.ts', register: 'src/register.ts' });\n`,
    'vitest.config.ts': `export { default } from '@hourglass/tools/vitest';\n`,
    'src/variant.ts': `/**
 * The ${name} variant (${role}). Replace this starting point with the real
 * plug-in; keep the contract suite in test/ passing.
 */
import { ${imports} } from '@hourglass/core';

const options = s.object({
${optionsOf[role]}
});

/**
 * The ${name} plug-in.
 *
 * @example
 * import { registerVariant } from '@hourglass/core';
 * registerVariant(${id});
 */
export const ${id} = defineVariant({
  name: '${name}',
  version: '0.1.0',
  role: '${role}',
  description: 'TODO: one line on what ${name} does.',
  options,
${bodies[role](id)}
});
`,
    'src/index.ts': `export { ${id} } from './variant.js';\n`,
    'src/register.ts': `/** Importing this entry registers the ${name} variant with @hourglass/core. */\nimport { registerVariant } from '@hourglass/core';\nimport { ${id} } from './variant.js';\n\nregisterVariant(${id});\n`,
    [`test/${name}.test.ts`]: `import { variantContractSuite } from '@hourglass/core/testing';
${needsArch ? "import { registerVariant } from '@hourglass/core';\nimport { undercomplete } from '@hourglass/variant-undercomplete';\n" : ''}import { ${id} } from '../src/index.js';
${needsArch ? '\nregisterVariant(undercomplete);\n' : ''}
variantContractSuite({
  variant: ${id},${needsArch ? "\n  with: [{ name: 'undercomplete', config: { latent: 4, hidden: [12] } }]," : ''}
});
`,
    'README.md': `# @hourglass/variant-${name}\n\nThe ${name} variant (${role}) for Hourglass.\n\n\`\`\`sh\nnpm install @hourglass/core @hourglass/variant-${name}\n\`\`\`\n\n\`\`\`ts\nimport '@hourglass/variant-${name}/register';\n\`\`\`\n`,
    ...(license ? { LICENSE: license } : {}),
  };
}
