/** Importing this entry registers the convolutional variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { convolutional } from './variant.js';

registerVariant(convolutional);
