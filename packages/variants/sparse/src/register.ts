/** Importing this entry registers the sparse variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { sparse } from './variant.js';

registerVariant(sparse);
