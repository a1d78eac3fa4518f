/**
 * Backend selection: one call picks where tensors run and reports it.
 * `auto` tries native TensorFlow (tfjs-node), then WASM SIMD, then the plain
 * JavaScript CPU backend. Backend packages are imported lazily, so a missing
 * optional one costs nothing until asked for.
 */
import { HourglassError } from '@hourglass/errors';
import { tf } from '@hourglass/core';

/** The names `--backend` and {@link selectBackend} take. */
export const BACKENDS = ['auto', 'node', 'wasm', 'cpu'] as const;
/** One of {@link BACKENDS}. */
export type BackendChoice = (typeof BACKENDS)[number];

/** Which backend runs, and what it can do. */
export interface BackendReport {
  /** The name the user would pass: node, wasm or cpu. */
  name: Exclude<BackendChoice, 'auto'>;
  /** tfjs's own backend name: tensorflow, wasm or cpu. */
  tfBackend: string;
  details: Record<string, unknown>;
  /** Backends tried before this one, with the reason each was skipped (auto only). */
  skipped: Array<{ name: string; reason: string }>;
}

async function setup(name: Exclude<BackendChoice, 'auto'>): Promise<Record<string, unknown>> {
  switch (name) {
    case 'node': {
      const { setupNode } = await import('@hourglass/backend-node');
      return { ...(await setupNode()) };
    }
    case 'wasm': {
      const { setupWasm } = await import('@hourglass/backend-wasm');
      return { ...(await setupWasm()) };
    }
    case 'cpu': {
      await import('@tensorflow/tfjs-backend-cpu');
      if (!(await tf.setBackend('cpu'))) throw new HourglassError('the cpu backend failed to initialise', { code: 'BACKEND' });
      await tf.ready();
      // The cpu backend prints an advert for tfjs-node on its first write in
      // Node; here cpu is a deliberate choice (or the last fallback, which the
      // report already names), so the advert is noise.
      (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
      return {};
    }
  }
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Replaces how a backend is set up (a custom build, or a failing one in tests); resolves to its details. */
  setups?: Partial<Record<Exclude<BackendChoice, 'auto'>, () => Promise<Record<string, unknown>>>>;
}

/**
 * Selects a backend by name (`auto` = node, then wasm, then cpu).
 *
 * @example
 * const report = await selectBackend('auto');
 * console.log(report.name); // 'wasm' where tfjs-node is not installed
 */
export async function selectBackend(choice: BackendChoice = 'auto', options: SelectBackendOptions = {}): Promise<BackendReport> {
  const order: Array<Exclude<BackendChoice, 'auto'>> = choice === 'auto' ? ['node', 'wasm', 'cpu'] : [choice];
  const skipped: BackendReport['skipped'] = [];
  for (const name of order) {
    try {
      const details = await (options.setups?.[name] ?? (() => setup(name)))();
      return { name, tfBackend: tf.getBackend(), details, skipped };
    } catch (e) {
      if (choice !== 'auto') throw e;
      skipped.push({ name, reason: (e as Error).message.split('\n')[0] });
    }
  }
  throw new HourglassError(`no backend could be initialised: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`, { code: 'BACKEND' });
}
