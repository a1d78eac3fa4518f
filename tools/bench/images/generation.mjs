#!/usr/bin/env node
/**
 * Generation quality on MNIST (the 8,000 / 2,000 split of `--data mnist`,
 * split seed 12345).
 *
 * (a) The conditional VAE (undercomplete + variational + a one-hot class
 *     condition) generates `--per-class` digits of each class from the
 *     prior. A classifier trained on the REAL training digits (an MLP
 *     784-256-10, softmax cross-entropy, Adam, in this script) labels them;
 *     the figure is the fraction labelled as the class asked for, per class
 *     and on average, beside the classifier's own accuracy on the real test
 *     digits (the ceiling the generated digits are judged against).
 * (b) The VAE's importance-sampled negative log-likelihood (nats per image)
 *     on binarised MNIST (pixels > 0.5), with core's `importanceNll`, beside
 *     pythae's 89.8 nats for the VAE of Kingma and Welling and the IWAE's
 *     86.8. Skipped, and said so, when this build of core has no `importanceNll`.
 *
 *   node tools/bench/images/generation.mjs [--backend node] [--epochs 30] [--latent 2] [--nll-latent 16] [--per-class 100] [--samples 200] [--part all|cvae|nll] [--quick]
 *
 * The conditional VAE's code is 2-D by default: with 16 dimensions the code
 * also holds the class (the encoder sees the digit), and prior samples came
 * out as the class asked for 41.9% of the time, against 98.2% with 2
 * (15 epochs each, node backend; the classifier: 95.0% on real test digits).
 *
 * `--quick`: 1 epoch on 256 digits, 10 per class, 5 importance samples on
 * 100 test digits: the pipeline runs, the figures mean nothing.
 */
import * as core from '@hourglass/core';
import { loadDataset, splitDataset } from '@hourglass/data';
import '@hourglass/variant-undercomplete/register';
import '@hourglass/variant-variational/register';
import { fit, fix, flags, useBackend } from '../series/common.mjs';

const { tf, Autoencoder } = core;
const o = flags({
  epochs: { type: 'string', default: '30' },
  'per-class': { type: 'string', default: '100' },
  samples: { type: 'string', default: '200' },
  // the conditional VAE's code: small, so that the class, given for free, is not also held in the code
  latent: { type: 'string', default: '2' },
  'nll-latent': { type: 'string', default: '16' },
  part: { type: 'string', default: 'all' },
});
if (!['all', 'cvae', 'nll'].includes(o.part)) throw new Error(`--part: expected all, cvae or nll, got ${o.part}`);
const backend = await useBackend(o.backend);
const epochs = o.quick ? 1 : Number(o.epochs);
const perClass = o.quick ? 10 : Number(o['per-class']);
const K = o.quick ? 5 : Number(o.samples);
const D = 784;

const { train: fullTrain, test: fullTest } = splitDataset(loadDataset('mnist'), { test: 2000, seed: 12345 });
const first = (ds, n) => (n >= ds.n ? ds : { ...ds, x: ds.x.subarray(0, n * D), labels: ds.labels.subarray(0, n), n });
const trainSet = o.quick ? first(fullTrain, 256) : fullTrain;
const testSet = o.quick ? first(fullTest, 100) : fullTest;
const flat = (ds) => ({ x: ds.x, n: ds.n, sampleShape: [D], name: ds.name });

const variants = (latent) => [{ name: 'undercomplete', config: { hidden: [512], latent: 256, activation: 'relu', codeActivation: 'relu' } }, { name: 'variational', config: { latent } }];
const trainOptions = { epochs, seed: o.seed, batchSize: 128 };

// (a) the conditional VAE, judged by a classifier trained on real digits only.
let realAccuracy = null;
let cvaeResult = null;
if (o.part !== 'nll') {
  const classifier = trainClassifier(trainSet, o.quick ? 1 : 10, o.seed);
  realAccuracy = accuracy(classify(classifier, testSet.x, testSet.n), testSet.labels);
  console.log(`classifier MLP 784-256-10 on ${trainSet.n} real training digits: test accuracy ${fix(realAccuracy * 100, 2)}% on ${testSet.n} real test digits`);
  const conditioned = { ...flat(trainSet), condition: trainSet.labels };
  const cv = await fit({ inputShape: [D], variants: variants(Number(o.latent)), condition: { classes: 10 }, seed: o.seed }, conditioned, trainOptions);
  const testLoss = await core.evaluate(cv.model, { ...flat(testSet), condition: testSet.labels });
  const perClassAccuracy = [];
  for (let k = 0; k < 10; k++) {
    const g = cv.model.generate(perClass, o.seed * 100 + k, { condition: k });
    const values = g.dataSync();
    g.dispose();
    perClassAccuracy.push(accuracy(classify(classifier, values, perClass), new Int32Array(perClass).fill(k)));
  }
  cv.model.dispose();
  tf.dispose(Object.values(classifier));
  const meanAccuracy = perClassAccuracy.reduce((x, y) => x + y, 0) / 10;
  console.log(
    `conditional VAE 784-512-256-(${o.latent}) + one-hot class, ${cv.result.epochsRun} epochs (${Math.round(cv.seconds)} s): test BCE ${fix(testLoss, 4)}/pixel; ` +
      `${perClass} generated digits per class labelled as asked: mean ${fix(meanAccuracy * 100, 1)}% (real test digits: ${fix(realAccuracy * 100, 1)}%)`,
  );
  console.log(`  per class: ${perClassAccuracy.map((x, k) => `${k}: ${fix(x * 100, 0)}%`).join('  ')}`);
  cvaeResult = { latent: Number(o.latent), testLoss, perClass, accuracy: meanAccuracy, perClassAccuracy };
}

// (b) the VAE's importance-sampled NLL on binarised MNIST.
let nll = null;
if (o.part === 'cvae') console.log('VAE NLL: not asked for (--part cvae)');
else if (typeof core.importanceNll === 'function') {
  const binary = (ds) => ({ ...flat(ds), x: Float32Array.from(ds.x, (v) => (v > 0.5 ? 1 : 0)) });
  const vae = await fit({ inputShape: [D], variants: variants(Number(o['nll-latent'])), seed: o.seed }, binary(trainSet), trainOptions);
  const bt = binary(testSet);
  let total = 0;
  const started = performance.now();
  for (let at = 0; at < bt.n; at += 100) {
    const n = Math.min(100, bt.n - at);
    const x = tf.tensor(bt.x.subarray(at * D, (at + n) * D), [n, D]);
    const values = core.importanceNll(vae.model, x, K, o.seed + at);
    x.dispose();
    for (const v of values) total += v;
  }
  vae.model.dispose();
  nll = { nats: total / bt.n, samples: K, images: bt.n, seconds: (performance.now() - started) / 1000 };
  console.log(`VAE 784-512-256-(${o['nll-latent']}) on binarised MNIST, ${vae.result.epochsRun} epochs: importance-sampled NLL ${fix(nll.nats, 2)} nats (${K} samples, ${bt.n} test images); pythae VAE 89.8, IWAE 86.8`);
} else console.log('VAE NLL: skipped, this build of @hourglass/core has no importanceNll');

console.log(
  JSON.stringify({
    bench: 'generation',
    backend: backend.name,
    quick: o.quick,
    epochs,
    train: trainSet.n,
    test: testSet.n,
    classifier: realAccuracy === null ? null : { testAccuracy: realAccuracy },
    conditionalVae: cvaeResult,
    vaeNll: nll && { ...nll, latent: Number(o['nll-latent']), reference: { pythaeVae: 89.8, iwae: 86.8 } },
  }),
);

/** An MLP 784-256-10 trained with softmax cross-entropy and Adam (batches of 128, seeded). */
function trainClassifier(ds, epochs, seed) {
  const rng = core.createRng(seed + 17);
  const w1 = tf.variable(tf.randomNormal([D, 256], 0, Math.sqrt(2 / D), 'float32', rng.nextSeed()));
  const b1 = tf.variable(tf.zeros([256]));
  const w2 = tf.variable(tf.randomNormal([256, 10], 0, Math.sqrt(1 / 256), 'float32', rng.nextSeed()));
  const b2 = tf.variable(tf.zeros([10]));
  const params = { w1, b1, w2, b2 };
  const optimizer = tf.train.adam(1e-3);
  for (let e = 0; e < epochs; e++) {
    const order = core.permutation(ds.n, rng);
    for (let at = 0; at < ds.n; at += 128) {
      const idx = order.subarray(at, Math.min(ds.n, at + 128));
      const xb = new Float32Array(idx.length * D);
      idx.forEach((i, r) => xb.set(ds.x.subarray(i * D, (i + 1) * D), r * D));
      const x = tf.tensor2d(xb, [idx.length, D]);
      const y = tf.oneHot(tf.tensor1d(Int32Array.from(idx, (i) => ds.labels[i]), 'int32'), 10);
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(params, x)));
      tf.dispose([x, y]);
    }
  }
  optimizer.dispose();
  return params;
}

function logits({ w1, b1, w2, b2 }, x) {
  return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
}

/** The predicted class of each of `n` images in `values`. */
function classify(params, values, n) {
  return tf.tidy(() => tf.argMax(logits(params, tf.tensor2d(values, [n, D])), 1).dataSync());
}

function accuracy(predicted, truth) {
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) right++;
  return right / truth.length;
}
