/**
 * The classes of a conditional model (`train --conditional`): their names,
 * saved in the model's metadata as `classNames` (index -> name), the data's
 * labels turned into the class index per sample the model is conditioned on,
 * and a class the user names (`--class 7`, `--class Sneaker`) turned back
 * into its index.
 *
 * The names are the data's `labelNames` when it has them (built-in datasets,
 * a CSV label column), else the label values themselves ("0", "1", ...).
 * Data given to a saved model is matched to its classes by name, so a file
 * whose labels are ordered differently still gets the right class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ModelFileError } from '@hourglass/core';
import type { ArrayDataset } from '@hourglass/data';

/** Data with the class index of each sample, as conditional models train on it. */
export type ConditionedDataset = ArrayDataset & { condition: Int32Array };

/**
 * The class names of labelled data (index -> name), or a ConfigError naming
 * the data when it has no labels.
 *
 * @example
 * classNamesOf(mnist.train, 'mnist'); // ['0', '1', ..., '9']
 */
export function classNamesOf(ds: ArrayDataset, what: string, why = '--conditional conditions the model on them'): string[] {
  const labels = ds.labels;
  if (!labels)
    throw new ConfigError(`${what} has no labels, and ${why}; give labelled data (a built-in dataset, a CSV with --label, IDX or NPY with a labels file)`, {
      field: 'labels',
    });
  let max = -1;
  for (let i = 0; i < labels.length; i++) {
    if (!(labels[i] >= 0)) throw new ConfigError(`${what}: sample ${i} has label ${labels[i]}; class labels must be 0 or more`, { field: 'labels' });
    max = Math.max(max, labels[i]);
  }
  if (ds.labelNames && ds.labelNames.length > max) return [...ds.labelNames];
  return Array.from({ length: max + 1 }, (_, i) => String(i));
}

/**
 * `ds` with the class index of each sample (`condition`), for a model whose
 * classes are `classNames`: labels are matched by name when the data names
 * them, else taken as indices. A ConfigError names the data and the label
 * the model does not know.
 *
 * @example
 * const train = withConditions(data.train, classNames, 'mnist'); // train.condition: Int32Array
 */
export function withConditions(ds: ArrayDataset, classNames: readonly string[], what: string, why?: string): ConditionedDataset {
  const own = classNamesOf(ds, what, why);
  const index = new Map(classNames.map((name, i) => [name, i]));
  const condition = new Int32Array(ds.n);
  for (let i = 0; i < ds.n; i++) {
    const name = own[ds.labels![i]];
    const k = index.get(name);
    if (k === undefined)
      throw new ConfigError(`${what}: sample ${i} has label ${JSON.stringify(name)}, which is not one of the model's classes (${listed(classNames)})`, { field: 'labels' });
    condition[i] = k;
  }
  return { ...ds, condition };
}

/**
 * The class index `text` names for a conditional model: a class name
 * (exact, then ignoring case) or an index. `source` is the model's metadata
 * or its directory (whose model.json is read). A ConfigError lists the valid
 * classes when `text` names none.
 *
 * @example
 * classIndex('runs/cvae/model', '7');      // 7
 * classIndex(model.metadata, 'sneaker');   // 7 for Fashion-MNIST
 */
export function classIndex(source: Record<string, unknown> | string, text: string): number {
  const { names, file } = typeof source === 'string' ? namesInDirectory(source) : { names: namesIn(source, 'the model metadata'), file: undefined };
  if (!names)
    throw new ConfigError(`${file ?? 'the model'} has no class names: it is not a conditional model (train one with --conditional)`, { field: 'classNames' });
  const exact = names.indexOf(text);
  if (exact >= 0) return exact;
  const folded = names.findIndex((n) => n.toLowerCase() === text.trim().toLowerCase());
  if (folded >= 0) return folded;
  if (/^\d+$/.test(text.trim()) && Number(text) < names.length) return Number(text);
  throw new ConfigError(`class ${JSON.stringify(text)} is not one of the model's classes: ${listed(names)} (give a name or an index 0..${names.length - 1})`, { field: 'class' });
}

/** The class names of a model directory's model.json, with the file for messages. */
function namesInDirectory(dir: string): { names?: string[]; file: string } {
  const file = join(dir, 'model.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ModelFileError(`cannot read the model (${(e as Error).message})`, file);
  }
  const metadata = (json as { metadata?: unknown } | null)?.metadata;
  return { names: metadata && typeof metadata === 'object' ? namesIn(metadata as Record<string, unknown>, file) : undefined, file };
}

/** `metadata.classNames`, checked: a list of distinct strings. */
function namesIn(metadata: Record<string, unknown>, file: string): string[] | undefined {
  const names = metadata.classNames;
  if (names === undefined) return undefined;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string') || new Set(names).size !== names.length)
    throw new ModelFileError(`"metadata.classNames" must be a list of distinct class names, found ${JSON.stringify(names)?.slice(0, 80)}`, file);
  return names as string[];
}

/** Class names for a message: all of them, or the first 20. */
const listed = (names: readonly string[]) => (names.length <= 20 ? names.map((n, i) => `${i} ${JSON.stringify(n)}`).join(', ') : `${names.slice(0, 20).join(', ')} ... (${names.length} classes)`);
