/**
 * `hourglass backends`: which backends work here, and what each can do.
 * The text and `--json` show the same probe results of `probeBackends`.
 */
import { describeDetails, probeBackends, type BackendStatus } from '@hourglass/backends';

export async function backendsCommand(opts: { json: boolean }): Promise<number> {
  const rows = await probeBackends();
  if (opts.json) process.stdout.write(JSON.stringify(rows) + '\n');
  else for (const r of rows) process.stdout.write(backendLine(r) + '\n');
  return 0;
}

/**
 * One human line of a probed backend: its name, yes or no, then what it
 * offers or why not.
 *
 * @example
 * backendLine({ name: 'cpu', tfjsBackend: 'cpu', description: 'plain JavaScript', available: true, details: {} });
 * // 'cpu   yes  plain JavaScript'
 */
export function backendLine(r: BackendStatus): string {
  const offers = [r.description, describeDetails(r.details)].filter((s) => s !== '').join(': ');
  return `${r.name.padEnd(5)} ${r.available ? 'yes' : 'no '}  ${r.available ? offers : (r.reason ?? '')}`;
}
