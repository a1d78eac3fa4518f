export { undercomplete } from './variant.js';
