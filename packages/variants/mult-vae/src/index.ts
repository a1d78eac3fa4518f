export { multDae, multVae, multVaeArchitecture, type MultOptions, type MultVaeOptions } from './variant.js';
