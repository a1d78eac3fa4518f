/** Importing this entry registers the mult-vae variant with @hourglass/core. */
import { registerVariant } from '@hourglass/core';
import { multVaeArchitecture } from './variant.js';

registerVariant(multVaeArchitecture);
