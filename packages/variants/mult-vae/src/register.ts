/**
 * Importing this entry registers the mult-vae variant and the presets
 * "mult-vae" and "mult-dae" with @hourglass/core, and the "denoising" and
 * "variational" variants the presets expand to.
 */
import '@hourglass/variant-denoising/register';
import '@hourglass/variant-variational/register';
import { registerPreset, registerVariant } from '@hourglass/core';
import { multDaePreset, multVaePreset } from './presets.js';
import { multVaeArchitecture } from './variant.js';

registerVariant(multVaeArchitecture);
registerPreset(multVaePreset);
registerPreset(multDaePreset);
