export { multDae, multVae, multVaeArchitecture, type MultOptions, type MultVaeOptions } from './variant.js';
export { multDaePreset, multVaePreset } from './presets.js';
