export { temporalConv } from './variant.js';
