/**
 * Keras' figures for the Keras benchmark (keras.mjs) when no Python with
 * TensorFlow is given: those measured on this very split (8,000 / 2,000
 * MNIST digits, seed 12345) by shared/reference/keras-ae-reference.py and
 * tools/bench/images/keras_reference.py, keyed by `kind@epochs`, and, for
 * context only, the published figures of the original sources (trained on
 * all 60,000 MNIST digits, so not comparable number for number).
 */
export const KERAS_ON_SPLIT = {
  'simple@50': { testLoss: 0.1071 },
  'sparse@100': { testLoss: 0.1072, meanCodeActivation: 2.75 },
  'deep@50': { testLoss: 0.1099 },
  'deep@100': { testLoss: 0.1028 },
  'conv@50': { testLoss: 0.1088 },
  'convT@50': { testLoss: 0.0659 },
  // noisy test inputs (Gaussian 0.4, clipped) against the clean digits
  'denoise@100': { testLoss: 0.0882 },
  'cvae@30': { testLoss: 164.55, testReconstruction: 158.38, testKl: 6.16 },
  // Fashion-MNIST: trained on the 48,000 of train-images hourglass train keeps, tested on t10k-images
  'mlpvae@5': { testLoss: 32.19, testReconstruction: 27.86, testKl: 4.33 },
};

/**
 * Our figures recorded earlier with `hourglass train` on the native backend,
 * keyed like KERAS_ON_SPLIT: the default recipe by seed, and, where it was
 * measured, Adam at a constant 1e-3 (Keras' recipe, the former default).
 */
export const RECORDED = {
  'deep@50': { defaultRecipe: { 0: 0.1005, 1: 0.1008 }, constant1e3: 0.11 },
  'deep@100': { defaultRecipe: { 0: 0.0948 } },
  'conv@50': { defaultRecipe: { 0: 0.1018, 1: 0.1012 } },
  'convT@50': { defaultRecipe: { 0: 0.0643 } },
  'denoise@100': { defaultRecipe: { 0: 0.0848 } },
  'cvae@30': { defaultRecipe: { 0: 157.34 } },
  'mlpvae@5': { defaultRecipe: { 0: 31.3 } },
};

export const PUBLISHED = {
  K1: 'val BCE about 0.09 (Keras blog, 60k digits)',
  K2: 'train 0.11 / test 0.10; mean code activation 3.33 vs 7.30 without the penalty (Keras blog)',
  K3: '0.08-0.097 after 100 epochs (Keras blog)',
  K4: '0.094 (Keras blog)',
  K5: 'val BCE 0.0622 (keras-io autoencoder)',
  K6: 'val BCE 0.0839 after 100 epochs (keras-io autoencoder)',
  K7: 'total 146.95 = reconstruction 140.15 + KL 6.80 per image (keras-io VAE, 70k digits)',
  T1: 'final loss 40-50 is a good run (tfjs-examples fashion-mnist-vae README)',
};
