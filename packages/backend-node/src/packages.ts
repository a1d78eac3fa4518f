/**
 * The npm packages that provide TensorFlow's native 'tensorflow' backend.
 * Both are optional peer dependencies of @hourglass/backend-node.
 */

/** The CUDA build of tfjs-node. Preferred when it is installed and its binding loads. */
export const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
/** The CPU build of tfjs-node. */
export const CPU_PACKAGE = '@tensorflow/tfjs-node';

/**
 * A package that can provide the native backend.
 *
 * @example
 * const pkg: NodePackage = '@tensorflow/tfjs-node';
 */
export type NodePackage = typeof GPU_PACKAGE | typeof CPU_PACKAGE;

/**
 * The order in which packages are tried: the GPU build first, unless `gpu`
 * says otherwise (`true`: only the GPU build, `false`: only the CPU build).
 *
 * @example
 * candidatePackages();      // ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']
 * candidatePackages(false); // ['@tensorflow/tfjs-node']
 */
export function candidatePackages(gpu?: boolean): NodePackage[] {
  if (gpu === true) return [GPU_PACKAGE];
  if (gpu === false) return [CPU_PACKAGE];
  return [GPU_PACKAGE, CPU_PACKAGE];
}

/** The name of the backend both packages register. */
export const NODE_TFJS_BACKEND = 'tensorflow';
