/** Importing this entry registers the layers variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { layers } from './variant.js';

registerVariant(layers);
