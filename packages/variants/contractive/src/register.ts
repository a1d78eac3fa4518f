/** Importing this entry registers the contractive variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { contractive } from './variant.js';

registerVariant(contractive);
