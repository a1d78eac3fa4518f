/**
 * The convolutional autoencoder for images [height, width, channels].
 *
 * Encoder: one 3x3 convolution per entry of `filters`, each halving the
 * image, by max pooling (the classic Keras model) or by stride 2. Decoder:
 * the mirror image, doubling by nearest-neighbour upsampling followed by a
 * convolution, or by transposed convolutions; a final convolution maps back
 * to the input's channels. With `latent`, a dense layer in the middle makes
 * a flat code of that size; otherwise the code is the last feature map.
 *
 * Halving rounds up (28 -> 14 -> 7 -> 4), so doubling back overshoots
 * (4 -> 8 -> 16 -> 32). The decoder absorbs the difference where the classic
 * model does: a decoder convolution runs 'valid' (2 pixels smaller) when that
 * still leaves enough to reach the input size, and anything left over is
 * cropped at the end. With the defaults this is exactly the Keras
 * convolutional autoencoder (16-8-8, a 4x4x8 code).
 */
import { ACTIVATIONS, RECONSTRUCTION_LOSSES, ShapeError, codeToMap, defineVariant, s, type LayerSpec } from '@hourglass/core';

const options = s.object({
  filters: s.array(s.int({ min: 1 }), { default: [16, 8, 8], minLength: 1, doc: 'encoder convolution widths, outermost first' }),
  kernelSize: s.int({ min: 1, default: 3 }),
  downsample: s.enum(['maxpool', 'strided'] as const, { default: 'maxpool', doc: 'how the encoder halves the image' }),
  upsample: s.enum(['nearest', 'transpose'] as const, { default: 'nearest', doc: 'how the decoder doubles it' }),
  activation: s.enum(ACTIVATIONS, { default: 'relu' }),
  latent: s.optional(s.int({ min: 1, doc: 'flat code size (a dense bottleneck); default: the last feature map is the code' })),
  loss: s.enum(RECONSTRUCTION_LOSSES, { default: 'bce', doc: 'bce for pixels in [0, 1], mse otherwise' }),
});

type Config = ReturnType<typeof options.parse>;

/** Spatial sizes along one axis: input, then after each halving. */
function halvings(size: number, steps: number): number[] {
  const sizes = [size];
  for (let i = 0; i < steps; i++) sizes.push(Math.ceil(sizes[i] / 2));
  return sizes;
}

function checkImage(inputShape: number[]): [number, number, number] {
  if (inputShape.length !== 3)
    throw new ShapeError(`convolutional: expects images [height, width, channels], got [${inputShape.join(', ')}]`);
  return inputShape as [number, number, number];
}

function encoder(cfg: Config, inputShape: number[]): LayerSpec[] {
  checkImage(inputShape);
  const k = cfg.kernelSize;
  const layers: LayerSpec[] = [];
  for (const filters of cfg.filters) {
    if (cfg.downsample === 'maxpool')
      layers.push({ type: 'conv2d', filters, kernelSize: k, activation: cfg.activation }, { type: 'maxPool2d', poolSize: 2, padding: 'same' });
    else layers.push({ type: 'conv2d', filters, kernelSize: k, strides: 2, activation: cfg.activation });
  }
  if (cfg.latent !== undefined) layers.push({ type: 'flatten' }, { type: 'dense', units: cfg.latent, activation: cfg.activation });
  return layers;
}

function decoder(cfg: Config, inputShape: number[], codeShape: number[]): LayerSpec[] {
  const [h, w, c] = checkImage(inputShape);
  const steps = cfg.filters.length;
  const hs = halvings(h, steps);
  const ws = halvings(w, steps);
  const bottom = [hs[steps], ws[steps], cfg.filters[steps - 1]];
  const k = cfg.kernelSize;
  const layers: LayerSpec[] = [];
  layers.push(...codeToMap(codeShape, bottom, cfg.activation));
  let [curH, curW] = [bottom[0], bottom[1]];
  const reversed = [...cfg.filters].reverse();
  reversed.forEach((filters, i) => {
    const remaining = steps - i; // doublings still to come, this one included
    if (cfg.upsample === 'transpose') {
      layers.push({ type: 'conv2dTranspose', filters, kernelSize: k, strides: 2, activation: cfg.activation });
      [curH, curW] = [curH * 2, curW * 2];
      return;
    }
    // A 'valid' convolution here trims 2 pixels; use it when the doublings left still reach the input size.
    const fits = (cur: number, target: number) => cur * 2 ** remaining > target && (cur - (k - 1)) * 2 ** remaining >= target;
    const valid = i > 0 && k > 1 && fits(curH, h) && fits(curW, w);
    layers.push({ type: 'conv2d', filters, kernelSize: k, activation: cfg.activation, padding: valid ? 'valid' : 'same' });
    if (valid) [curH, curW] = [curH - (k - 1), curW - (k - 1)];
    layers.push({ type: 'upSampling2d', size: 2 });
    [curH, curW] = [curH * 2, curW * 2];
  });
  if (curH > h || curW > w) {
    const dh = curH - h;
    const dw = curW - w;
    layers.push({ type: 'crop2d', top: Math.floor(dh / 2), bottom: Math.ceil(dh / 2), left: Math.floor(dw / 2), right: Math.ceil(dw / 2) });
  }
  layers.push({ type: 'conv2d', filters: c, kernelSize: k, activation: 'linear' });
  return layers;
}

/**
 * The convolutional architecture plug-in.
 *
 * @example
 * import { Autoencoder, registerVariant } from '@hourglass/core';
 * import { convolutional } from '@hourglass/variant-convolutional';
 * registerVariant(convolutional);
 * const model = Autoencoder.create({ inputShape: [28, 28, 1], variants: [{ name: 'convolutional' }] }); // code 4x4x8
 */
export const convolutional = defineVariant({
  name: 'convolutional',
  version: '0.1.0',
  role: 'architecture',
  description: 'Convolutional encoder (pooled or strided) and decoder (upsampling or transposed convolutions) for images.',
  options,
  loss: (cfg) => cfg.loss,
  encoder: (cfg, { inputShape }) => encoder(cfg, inputShape),
  decoder: (cfg, { inputShape, codeShape }) => decoder(cfg, inputShape, codeShape),
});
