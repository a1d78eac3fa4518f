/** `hourglass backends`: which backends work here, and what each can do. */
import { tf } from '@hourglass/core';

interface Row {
  name: 'node' | 'wasm' | 'cpu';
  available: boolean;
  details: Record<string, unknown>;
  reason?: string;
}

export async function backendsCommand(opts: { json: boolean }): Promise<number> {
  const rows: Row[] = [];
  try {
    const { detectNative } = await import('@hourglass/backend-node');
    const native = await detectNative();
    rows.push({ name: 'node', available: native.available, details: { ...native }, reason: native.reason });
  } catch (e) {
    rows.push({ name: 'node', available: false, details: {}, reason: (e as Error).message.split('\n')[0] });
  }
  try {
    const { probeWasm } = await import('@hourglass/backend-wasm');
    rows.push({ name: 'wasm', available: true, details: { ...(await probeWasm()) } });
  } catch (e) {
    rows.push({ name: 'wasm', available: false, details: {}, reason: (e as Error).message.split('\n')[0] });
  }
  try {
    await import('@tensorflow/tfjs-backend-cpu');
    rows.push({ name: 'cpu', available: tf.findBackendFactory('cpu') !== null, details: {} });
  } catch (e) {
    rows.push({ name: 'cpu', available: false, details: {}, reason: (e as Error).message.split('\n')[0] });
  }
  if (opts.json) process.stdout.write(JSON.stringify(rows) + '\n');
  else for (const r of rows) process.stdout.write(`${r.name.padEnd(5)} ${r.available ? 'yes' : 'no '}  ${r.available ? describe(r) : (r.reason ?? '')}\n`);
  return 0;
}

/** One human line of what a backend offers. */
function describe(r: Row): string {
  const d = r.details as Record<string, unknown>;
  switch (r.name) {
    case 'node':
      return `${d.package} ${d.version ?? ''}`.trim();
    case 'wasm': {
      const threads = d.threads || d.nodeThreads ? `threads yes (${d.cores ?? '?'} cores)` : 'threads no';
      return `SIMD ${d.simd ? 'yes' : 'no'}, ${threads}`;
    }
    case 'cpu':
      return 'plain JavaScript (slow; for tests and tiny models)';
  }
}
