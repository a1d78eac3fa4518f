/** The samples the server hands out with the model (samples.json + samples.bin). */

/** Samples in model units, with their labels' names when the data has labels. */
export interface Samples {
  name: string;
  n: number;
  sampleShape: number[];
  size: number;
  x: Float32Array;
  labels?: number[];
  labelNames?: string[];
  labelOf(i: number): string | undefined;
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${new URL(url, location.href).href}: the server answered ${res.status} ${res.statusText}`);
  return res;
}

/**
 * Fetches the served samples.
 *
 * @example
 * const samples = await fetchSamples('./');
 */
export async function fetchSamples(base: string): Promise<Samples> {
  const info = (await (await fetchOk(`${base}samples.json`)).json()) as { name: string; n: number; sampleShape: number[]; labels?: number[]; labelNames?: string[] };
  const x = new Float32Array(await (await fetchOk(`${base}samples.bin`)).arrayBuffer());
  const size = info.sampleShape.reduce((a, b) => a * b, 1);
  if (x.length !== info.n * size) throw new Error(`samples.bin holds ${x.length} values, samples.json promises ${info.n} x ${size}`);
  return {
    ...info,
    size,
    x,
    labelOf: (i) => (info.labels ? (info.labelNames?.[info.labels[i]] ?? String(info.labels[i])) : undefined),
  };
}
