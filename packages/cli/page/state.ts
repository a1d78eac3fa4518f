/**
 * What the page has done, on `window.__hourglass`: for people curious in
 * the console, and for the end-to-end tests, which read the values the
 * page computed and compare them with Node's.
 */

/** The page's state. */
export interface PageState {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  backend?: { name: string; build?: string; simd?: boolean; threads?: number; reason?: string; initMs?: number };
  model?: { variants: string[]; inputShape: number[]; codeShape: number[]; parameters: number; loss: string };
  samples?: { name: string; n: number };
  /** The samples shown and the page's reconstructions of them (model units). */
  reconstructions?: { indices: number[]; values: number[][] };
  /** How the scatter plot places samples. */
  scatter?: { method: 'code' | 'pca'; points: number };
  /** The last decoded point of the scatter plot: its code and the decoder's output. */
  decoded?: { code: number[]; values: number[] };
  /** The samples drawn from the prior (a generative model). */
  generated?: { seed: number; n: number };
  /** The test samples the interpolation runs between. */
  interpolation?: { from: number; to: number; steps: number };
  /** The code the sliders set and its decoding. */
  sliders?: { code: number[]; values: number[] };
  /** A series model's test range: its steps, the flagged ranges and the forecast after the end. */
  series?: { steps: number; ranges: Array<[number, number]>; forecast?: number[] };
  /** The draw pad: its holes and the model's output for it; the test sample it last started from. */
  pad?: { holes: number; values: number[] };
  padSample?: number;
  /** Training in the page: its progress, losses per epoch and the files downloaded. */
  training?: { status: 'ready' | 'training' | 'trained' | 'error'; rows?: number; losses?: number[]; samplesPerSec?: number; stopReason?: string; error?: string; downloaded?: string[] };
  /** Anomaly scores of the served samples against the model's threshold. */
  anomaly?: { threshold: number; flagged: number; top: Array<{ index: number; score: number }> };
}

declare global {
  interface Window {
    __hourglass: PageState;
  }
}

/**
 * The page's state object, created on first use.
 *
 * @example
 * pageState().status = 'ready';
 */
export function pageState(): PageState {
  window.__hourglass ??= { status: 'loading' };
  return window.__hourglass;
}
