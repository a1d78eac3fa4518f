export { denoising } from './variant.js';
