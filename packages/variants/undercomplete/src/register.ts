/** Importing this entry registers the undercomplete variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { undercomplete } from './variant.js';

registerVariant(undercomplete);
