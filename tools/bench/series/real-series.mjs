/**
 * The real series of the sequence benchmarks, from the devDependencies of
 * tools: daily and hourly Seattle temperatures (NOAA, U.S. government data)
 * and monthly CO2 at Mauna Loa (Scripps, CC-BY 4.0) from vega-datasets, and
 * the labelled readings of four sensor motes (Suthaharan et al.;
 * @stdlib/datasets-suthaharan-single-hop-sensor-network, ODC-By 1.0 / CC-BY 4.0).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readData } from '@hourglass/data';

/** A file of an installed package, looked up in the node_modules folders above this one (their exports maps hide the data). */
function packageFile(pkg, file) {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'node_modules', pkg, file);
    if (existsSync(path)) return path;
  }
  throw new Error(`${pkg} is not installed (a devDependency of tools: run npm ci)`);
}

/** One column of a vega-datasets CSV as a step dataset `[steps, 1]`. */
function vega(file, column, name) {
  return { ...readData(packageFile('vega-datasets', `data/${file}`), { columns: [column] }), name };
}

/**
 * The forecasting series: each with its natural season, a window and a horizon.
 *
 * @example
 * forecastSeries().map((s) => s.name); // ['seattle daily temp_max', ...]
 */
export function forecastSeries() {
  return [
    { data: vega('seattle-weather.csv', 'temp_max', 'seattle daily temp_max'), season: 365, window: 60, horizon: 7 },
    { data: vega('seattle-weather-hourly-normals.csv', 'temperature', 'seattle hourly temperature'), season: 24, window: 72, horizon: 24 },
    { data: vega('co2-concentration.csv', 'CO2', 'mauna loa monthly co2'), season: 12, window: 36, horizon: 12 },
    { data: sensorSeries().series[2], season: undefined, window: 60, horizon: 12 },
  ];
}

/**
 * The sensor readings: one series `[steps, 2]` (humidity, temperature) per
 * mote, in reading order, and the anomaly label of every reading.
 *
 * @example
 * const { series, labels } = sensorSeries(); // 4 series; labels[i].length === series[i].n
 */
export function sensorSeries() {
  const file = packageFile('@stdlib/datasets-suthaharan-single-hop-sensor-network', 'data/data.csv');
  const table = readData(file, { columns: ['mote_id', 'humidity', 'temperature', 'label'] });
  const motes = new Map();
  for (let i = 0; i < table.n; i++) {
    const [mote, humidity, temperature, label] = table.x.subarray(i * 4, i * 4 + 4);
    if (!motes.has(mote)) motes.set(mote, { values: [], labels: [] });
    motes.get(mote).values.push(humidity, temperature);
    motes.get(mote).labels.push(label);
  }
  const ids = [...motes.keys()].sort((a, b) => a - b);
  return {
    series: ids.map((id) => ({ name: `sensor mote ${id}`, x: Float32Array.from(motes.get(id).values), n: motes.get(id).labels.length, sampleShape: [2], columns: ['humidity', 'temperature'] })),
    labels: ids.map((id) => Uint8Array.from(motes.get(id).labels)),
  };
}
