/** Importing this entry registers the autorec variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { autorec } from './variant.js';

registerVariant(autorec);
