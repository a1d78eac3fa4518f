/**
 * Reconstruction losses, reduced per sample: each returns shape [batch], the
 * mean over a sample's entries (its observed entries when a mask is given).
 * The batch loss is the mean of that (`batchMean`), so figures read "per
 * pixel", as Keras reports them.
 *
 * Binary cross-entropy is computed from the decoder's logits as
 * softplus(z) - z x (= max(z, 0) - z x + log(1 + exp(-|z|))), which stays
 * finite for saturated outputs, with the hand-written gradient
 * (sigmoid(z) - x) / n instead of autodiff's chain of elementwise kernels;
 * without a mask, on a backend with a fused kernel for it
 * (`loss-kernels.ts`), the loss and sigmoid(z) - x come from that one pass.
 *
 * The multinomial loss (Mult-VAE, Liang et al. 2018) reads a sample as
 * counts or clicks x >= 0 over its entries and its logits as a softmax over
 * them: -sum_i x_i log softmax(z)_i. Like the others it is divided by the
 * number of entries n (not by the row's total), so it is the multinomial
 * log-likelihood per entry, and a "variational" KL term (also divided by n)
 * adds up to the negative ELBO per entry: the paper's per-user objective
 * divided by n, the same optimum and, under Adam, the same steps. Its
 * gradient is hand-written, (sum(x) softmax(z) - x) / n. With a mask the
 * softmax runs over the observed entries only (the distribution of a click
 * given that it fell among them) and the sum is divided by their count.
 */
import { tf } from '../tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors.js';
import { customOp } from '../layers/custom-op.js';
import { softplus } from '../layers/softplus.js';
import { reshapeTo, rows, sizeOf } from '../shape.js';
import { fusedBceLogits } from './loss-kernels.js';

/** Names of the reconstruction losses. */
export const RECONSTRUCTION_LOSSES = ['bce', 'mse', 'multinomial'] as const;
/** One of {@link RECONSTRUCTION_LOSSES}. */
export type ReconstructionLossName = (typeof RECONSTRUCTION_LOSSES)[number];

function checkSame(a: Tensor, b: Tensor, what: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i]))
    throw new ShapeError(`${what}: shapes differ, [${a.shape.join(', ')}] vs [${b.shape.join(', ')}]`);
}

/**
 * Per-sample count of entries that count, at least 1: the number of entries
 * per sample (one number) without a mask, the observed ones per row (a
 * [n, 1] tensor) with one.
 */
function entryCounts(target: Tensor, mask?: Tensor): number | Tensor {
  if (!mask) return sizeOf(target.shape.slice(1));
  return tf.maximum(tf.sum(rows(mask), 1, true), 1);
}

/** Row sums of `e` [n, k] divided by the per-sample counts: shape [n]. */
function perSampleMean(e: Tensor, counts: number | Tensor): Tensor {
  const sums = tf.sum(e, 1);
  return typeof counts === 'number' ? tf.mul(sums, 1 / counts) : tf.div(sums, tf.reshape(counts, [-1]));
}

/**
 * Binary cross-entropy between `sigmoid(logits)` and targets in [0, 1], per sample.
 *
 * @example
 * const perSample = bceFromLogits(logits, x);    // shape [batch]
 * const masked = bceFromLogits(logits, x, mask); // only entries where mask = 1 count
 */
export function bceFromLogits(logits: Tensor, target: Tensor, mask?: Tensor): Tensor {
  checkSame(logits, target, 'bce');
  if (mask) checkSame(mask, target, 'bce mask');
  const x = rows(target);
  const m = mask ? rows(mask) : undefined;
  const counts = entryCounts(target, mask);
  const op = customOp(([z], save) => {
    const zf = rows(z);
    const fused = typeof counts === 'number' ? fusedBceLogits(zf, x) : undefined;
    if (fused) {
      const [sums, g] = fused;
      save([g]);
      return {
        value: tf.mul(sums, 1 / (counts as number)),
        gradFunc: (dy, [sg]) => reshapeTo(tf.mul(sg, tf.mul(tf.reshape(dy, [-1, 1]), 1 / (counts as number))), logits.shape),
      };
    }
    let e = tf.sub(softplus(zf), tf.mul(zf, x));
    if (m) e = tf.mul(e, m);
    // Everything the backward pass reads must be saved: tensors merely closed
    // over are disposed when the forward scope ends, before gradients run.
    save(m ? [zf, x, counts as Tensor, m] : [zf, x]);
    return {
      value: perSampleMean(e, counts),
      gradFunc: (dy, [sz, sx, sc, sm]) => {
        let g = tf.sub(tf.sigmoid(sz), sx);
        if (sm) g = tf.mul(g, sm);
        const column = tf.reshape(dy, [-1, 1]);
        g = tf.mul(g, typeof counts === 'number' ? tf.mul(column, 1 / counts) : tf.div(column, sc));
        return reshapeTo(g, logits.shape);
      },
    };
  });
  return op(logits);
}

/**
 * Mean squared error per sample.
 *
 * @example
 * const perSample = mse(output, x); // shape [batch]
 */
export function mse(output: Tensor, target: Tensor, mask?: Tensor): Tensor {
  checkSame(output, target, 'mse');
  let e = tf.squaredDifference(rows(output), rows(target));
  if (mask) {
    checkSame(mask, target, 'mse mask');
    e = tf.mul(e, rows(mask));
  }
  return perSampleMean(e, entryCounts(target, mask));
}

/**
 * Multinomial negative log-likelihood per sample, -sum_i x_i log softmax(z)_i
 * over all of a sample's entries, divided by their number; `target` holds
 * counts or clicks (>= 0, rows need not sum to 1). With `mask` the softmax
 * and the sum run over the observed entries, divided by their count.
 *
 * @example
 * const perSample = multinomialFromLogits(logits, clicks); // shape [batch]
 */
export function multinomialFromLogits(logits: Tensor, target: Tensor, mask?: Tensor): Tensor {
  checkSame(logits, target, 'multinomial');
  if (mask) checkSame(mask, target, 'multinomial mask');
  const m = mask ? rows(mask) : undefined;
  const x = m ? tf.mul(rows(target), m) : rows(target);
  const counts = entryCounts(target, mask);
  // Shift by the row's largest (observed) logit; an empty masked row keeps
  // a finite log-normaliser and, with x = 0 there, a zero loss.
  const normalised = (zf: Tensor) => {
    const shift = tf.max(m ? tf.add(tf.mul(zf, m), tf.mul(tf.min(zf, 1, true), tf.sub(1, m))) : zf, 1, true);
    const e = m ? tf.mul(tf.exp(tf.sub(zf, shift)), m) : tf.exp(tf.sub(zf, shift));
    const total = tf.maximum(tf.sum(e, 1, true), 1e-30);
    return { e, total, logNorm: tf.add(shift, tf.log(total)) };
  };
  const op = customOp(([z], save) => {
    const zf = rows(z);
    const { logNorm } = normalised(zf);
    const nll = tf.neg(tf.sum(tf.mul(x, tf.sub(zf, logNorm)), 1));
    // Only tensors made outside the forward pass may be saved (tfjs counts
    // the others as leaks), so the backward pass recomputes the softmax.
    save(m ? [zf, x, counts as Tensor, m] : [zf, x]);
    return {
      value: typeof counts === 'number' ? tf.mul(nll, 1 / counts) : tf.div(nll, tf.reshape(counts, [-1])),
      gradFunc: (dy, [sz, sx, sc]) => {
        const { e, total } = normalised(sz);
        // The softmax is 0 off the mask, so the masked gradient needs no extra product.
        let g = tf.sub(tf.mul(tf.sum(sx, 1, true), tf.div(e, total)), sx);
        const column = tf.reshape(dy, [-1, 1]);
        g = tf.mul(g, typeof counts === 'number' ? tf.mul(column, 1 / counts) : tf.div(column, sc));
        return reshapeTo(g, logits.shape);
      },
    };
  });
  return op(logits);
}

/**
 * The reconstruction loss by name, per sample. For 'bce' and 'multinomial'
 * the first argument is the decoder's logits; for 'mse' it is the decoder's
 * output as is.
 *
 * @example
 * const perSample = reconstructionLoss('bce', logits, x);
 */
export function reconstructionLoss(name: ReconstructionLossName, decoderOutput: Tensor, target: Tensor, mask?: Tensor): Tensor {
  switch (name) {
    case 'bce':
      return bceFromLogits(decoderOutput, target, mask);
    case 'mse':
      return mse(decoderOutput, target, mask);
    case 'multinomial':
      return multinomialFromLogits(decoderOutput, target, mask);
    default: {
      const never: never = name;
      throw new ConfigError(`unknown loss "${never}"; allowed: ${RECONSTRUCTION_LOSSES.join(', ')}`);
    }
  }
}

/**
 * Maps decoder logits to outputs for a loss: sigmoid for 'bce', identity for
 * 'mse', for 'multinomial' the softmax over each sample's entries (its
 * probabilities, summing to 1 per sample, in the input's shape).
 *
 * @example
 * const images = outputFromLogits('bce', logits);
 */
export function outputFromLogits(name: ReconstructionLossName, decoderOutput: Tensor): Tensor {
  if (name === 'bce') return tf.sigmoid(decoderOutput);
  if (name === 'multinomial') return tf.tidy(() => reshapeTo(tf.softmax(rows(decoderOutput)), decoderOutput.shape));
  return decoderOutput;
}

/**
 * Batch reduction of a per-sample loss: its mean.
 *
 * @example
 * const loss = batchMean(mse(output, x)); // scalar
 */
export function batchMean(perSample: Tensor): Tensor {
  return tf.mean(perSample);
}
