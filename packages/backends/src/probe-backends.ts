/**
 * What each backend of the list can do here, without selecting any: the
 * data of `hourglass backends` (its text and its `--json` alike).
 */
import type { BackendAdapter, BackendDetails } from '@hourglass/core';
import { ADAPTERS } from './adapters.js';

/**
 * One backend as {@link probeBackends} found it.
 *
 * @example
 * const row: BackendStatus = { name: 'cpu', tfjsBackend: 'cpu', description: 'plain JavaScript', available: true, details: {} };
 */
export interface BackendStatus {
  name: string;
  tfjsBackend: string;
  description: string;
  available: boolean;
  /** Why not, when not available. */
  reason?: string;
  details: BackendDetails;
}

/**
 * Probes every adapter, in list order, one after the other (a probe may
 * load its tfjs backend; none stays selected).
 *
 * @example
 * for (const b of await probeBackends()) console.log(b.name, b.available ? describeDetails(b.details) : b.reason);
 */
export async function probeBackends(options: { adapters?: readonly BackendAdapter[] } = {}): Promise<BackendStatus[]> {
  const rows: BackendStatus[] = [];
  for (const a of options.adapters ?? ADAPTERS) {
    const p = await a.probe();
    rows.push({ name: a.name, tfjsBackend: a.tfjsBackend, description: a.description, available: p.available, ...(p.reason === undefined ? {} : { reason: p.reason }), details: p.details });
  }
  return rows;
}

/**
 * One human line of a backend's details, each field said once.
 *
 * @example
 * describeDetails({ package: '@tensorflow/tfjs-backend-wasm', version: '4.22.0', simd: true, threads: 2, cores: 2 });
 * // '@tensorflow/tfjs-backend-wasm 4.22.0, SIMD yes, 2 threads (2 cores)'
 */
export function describeDetails(d: BackendDetails): string {
  const parts: string[] = [];
  if (d.package !== undefined) parts.push(`${d.package}${d.version === undefined ? '' : ` ${d.version}`}`);
  if (d.gpu !== undefined) parts.push(`GPU ${d.gpu ? 'yes' : 'no'}`);
  if (d.simd !== undefined) parts.push(`SIMD ${d.simd ? 'yes' : 'no'}`);
  if (d.threads !== undefined) parts.push(`${d.threads} thread${d.threads === 1 ? '' : 's'}${d.cores === undefined ? '' : ` (${d.cores} core${d.cores === 1 ? '' : 's'})`}`);
  if (d.limit !== undefined) parts.push(d.limit);
  return parts.join(', ');
}
