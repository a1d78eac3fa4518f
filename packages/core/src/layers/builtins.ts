/** The layer types core ships, in the order `layerTypes()` lists them. */
import type { LayerType } from './define.js';
import { dense } from './dense.js';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { conv1d } from './conv1d.js';
import { conv1dTranspose } from './conv1d-transpose.js';
import { gru, lstm } from './recurrent.js';
import { activation, crop2d, dropout, flatten, l2Normalize, maxPool2d, reshape, upSampling2d } from './shape-layers.js';
import { crop1d, repeatVector, timeDense } from './sequence-layers.js';

export const BUILTIN_LAYERS: LayerType[] = [
  dense,
  conv2d,
  conv2dTranspose,
  maxPool2d,
  upSampling2d,
  crop2d,
  flatten,
  reshape,
  dropout,
  activation,
  conv1d,
  conv1dTranspose,
  lstm,
  gru,
  repeatVector,
  timeDense,
  crop1d,
  l2Normalize,
];
