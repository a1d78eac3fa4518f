export { sparse } from './variant.js';
