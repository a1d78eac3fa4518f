/** Importing this entry registers the recurrent variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { recurrent } from './variant.js';

registerVariant(recurrent);
