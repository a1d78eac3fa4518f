/** Importing this entry registers the variational variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { variational } from './variant.js';

registerVariant(variational);
