/**
 * Conditioning a model on a class label (`ModelRecipe.condition`), e.g. the
 * conditional VAE: any architecture + the "variational" latent + a condition.
 *
 * The label becomes a condition vector: its one-hot row (width `classes`),
 * or, with `embedding: e`, a learned embedding of width e (a bias-free
 * linear layer on the one-hot row, weights `condition/...`). Core injects it
 * where plug-ins never need to know: the vector is concatenated along the
 * last axis (repeated over any spatial or step axes) to the encoder's
 * features before the latent, and to the code before the decoder and the
 * predictor. A model without a latent uses the encoder's features as its
 * code unchanged; only its decoder and predictor see the condition. The
 * stacks after an injection point are built for the widened shapes, and
 * plug-ins are told the width (`conditionWidth`) in case they care.
 */
import { tf } from '../tf.js';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors.js';

/** A class label the model is conditioned on. */
export interface ModelCondition {
  /** Number of classes; labels are 0 .. classes - 1. */
  classes: number;
  /** Width of a learned embedding of the label; absent or 0: the one-hot vector itself. */
  embedding?: number;
}

const FIELDS = ['classes', 'embedding'];

/**
 * The recipe's condition with its defaults (embedding 0), or undefined when
 * the recipe has none. A recipe may come from a hostile model.json: every
 * field is checked and unknown fields are refused.
 *
 * @example
 * parseCondition({ classes: 10 }); // { classes: 10, embedding: 0 }
 */
export function parseCondition(raw: unknown): Required<ModelCondition> | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`condition: expected { classes, embedding? }, got ${JSON.stringify(raw)}`, { field: 'condition' });
  const c = raw as Record<string, unknown>;
  const unknown = Object.keys(c).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw new ConfigError(`condition: unknown field "${unknown[0]}"; allowed: ${FIELDS.join(', ')}`, { field: 'condition' });
  const { classes, embedding = 0 } = c;
  if (!Number.isInteger(classes) || (classes as number) < 2 || (classes as number) > 100_000)
    throw new ConfigError(`condition.classes: expected an integer from 2 to 100000, got ${JSON.stringify(classes)}`, { field: 'condition.classes' });
  if (!Number.isInteger(embedding) || (embedding as number) < 0 || (embedding as number) > 100_000)
    throw new ConfigError(`condition.embedding: expected an integer from 0 (one-hot) to 100000, got ${JSON.stringify(embedding)}`, { field: 'condition.embedding' });
  return { classes: classes as number, embedding: embedding as number };
}

/** Width of the condition vector: the embedding width, else the number of classes (0 without a condition). */
export const conditionWidth = (c: Required<ModelCondition> | undefined): number => (c ? c.embedding || c.classes : 0);

/** `shape` with `width` more entries on its last axis. */
export const widenShape = (shape: number[], width: number): number[] => (width === 0 ? [...shape] : [...shape.slice(0, -1), shape[shape.length - 1] + width]);

/**
 * `t` [n, ..., k] with the condition vectors `c` [n, w] appended along the
 * last axis, repeated over the axes between: [n, ..., k + w].
 *
 * @example
 * appendCondition(features, oneHot); // [n, 4, 4, 8] and [n, 10] -> [n, 4, 4, 18]
 */
export function appendCondition(t: Tensor, c: Tensor): Tensor {
  if (t.rank === 2) return tf.concat([t, c], 1);
  const n = t.shape[0];
  const middle = t.shape.slice(1, -1);
  const w = c.shape[1] as number;
  const spread = tf.tile(tf.reshape(c, [n, ...middle.map(() => 1), w]), [1, ...middle, 1]);
  return tf.concat([t, spread], t.rank - 1);
}

/**
 * A batch's condition as float32 one-hot rows [n, classes]: from Int32
 * class indices [n] (checked to lie in 0 .. classes - 1), or given already
 * as rows [n, classes] (one-hot, or any mixture of classes). `what` names
 * the call in errors.
 *
 * @example
 * const rows = conditionRows(tf.tensor1d([3, 1], 'int32'), 10, 2, 'decode'); // [2, 10]
 */
export function conditionRows(condition: Tensor, classes: number, n: number, what: string): Tensor {
  if (condition.rank === 1) {
    if (condition.dtype !== 'int32')
      throw new ShapeError(`${what}: a condition of shape [n] holds class indices and must be int32, got ${condition.dtype}`);
    if (condition.shape[0] !== n) throw new ShapeError(`${what}: expected ${n} class indices for ${n} samples, got ${condition.shape[0]}`);
    const values = condition.dataSync();
    for (let i = 0; i < values.length; i++)
      if (values[i] < 0 || values[i] >= classes)
        throw new ConfigError(`${what}: condition of sample ${i} is class ${values[i]}, expected 0 .. ${classes - 1}`, { field: 'condition' });
    return tf.cast(tf.oneHot(condition as Tensor1D, classes), 'float32');
  }
  if (condition.rank !== 2 || condition.shape[0] !== n || condition.shape[1] !== classes)
    throw new ShapeError(`${what}: expected a condition of class indices [${n}] or one-hot rows [${n}, ${classes}], got [${condition.shape.join(', ')}]`);
  return condition.dtype === 'float32' ? condition.clone() : tf.cast(condition, 'float32');
}

/**
 * Class indices as an Int32Array of `n`: one class for all (`number`) or one per sample.
 *
 * @example
 * classIndices(3, 4); // Int32Array [3, 3, 3, 3]
 */
export function classIndices(condition: number | Int32Array, n: number, what: string): Int32Array {
  if (typeof condition === 'number') {
    if (!Number.isInteger(condition)) throw new ConfigError(`${what}: condition must be an integer class index, got ${condition}`, { field: 'condition' });
    return new Int32Array(n).fill(condition);
  }
  if (condition.length !== n) throw new ShapeError(`${what}: expected ${n} class indices, got ${condition.length}`);
  return condition;
}
