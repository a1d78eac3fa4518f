/** Types of browser.mjs (see there). */
import type { Browser, Page } from 'playwright-core';

export declare const wasmDist: string;
export declare const chromiumPath: string;
export declare const haveChromium: boolean;
export declare function launchChromium(): Promise<Browser>;
export declare const BUILTINS: Set<string>;
export interface Bundle {
  js: Uint8Array;
  /** Externals the bundle reaches, with how (`import-statement`, `dynamic-import`, ...). */
  externals: Array<{ path: string; kind: string }>;
  warnings: string[];
  ms: number;
}
export declare function bundleBrowserPage(entry: string, alias?: Record<string, string>): Promise<Bundle>;
export declare function pageHtml(src: string, title?: string): string;
export interface Answer {
  body: Uint8Array | string;
  type: string;
}
export interface Served {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}
export declare function serveStatic(route: (path: string) => Answer | undefined | Promise<Answer | undefined>, options?: { isolated?: boolean }): Promise<Served>;
export interface OpenedPage<T> {
  page: Page;
  /** The page's `window.__result`. */
  result: T | { error: string };
  pageErrors: string[];
  consoleErrors: string[];
  /** URLs of the workers the page started. */
  workers: string[];
  /** Errors, console errors and requests so far, for a failure message. */
  context(): string;
}
export declare function openPage<T>(browser: Browser, url: string, timeoutMs: number, requests?: string[]): Promise<OpenedPage<T>>;
