/** Types of pngjs's browser build (`pngjs/browser.js`): the same PNG class as `pngjs`. */
declare module 'pngjs/browser.js' {
  import type { PNG } from 'pngjs';

  const pngjs: { PNG: typeof PNG };
  export default pngjs;
}
