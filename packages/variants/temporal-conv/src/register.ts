/** Importing this entry registers the temporal-conv variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { temporalConv } from './variant.js';

registerVariant(temporalConv);
