/** Importing this entry registers the denoising variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { denoising } from './variant.js';

registerVariant(denoising);
