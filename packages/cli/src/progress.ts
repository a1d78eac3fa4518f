/**
 * Progress on stderr: a line per epoch with loss, validation loss,
 * throughput and ETA; on a terminal, a live batch counter in between.
 */
import { renderHint } from '@hourglass/errors';
import { cliStyle } from './flag-hints.js';
import type { TrainEvent } from '@hourglass/core';

/**
 * A duration as m:ss (h:mm:ss from an hour), '?' when unknown.
 *
 * @example
 * clock(83); // '1:23'
 */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

/** A listener that reports training progress to `stream` (quiet: nothing). */
export function progressReporter(stream: NodeJS.WriteStream, quiet = false): (e: TrainEvent) => void {
  const tty = stream.isTTY === true;
  let epochs = 0;
  let epochSeconds: number[] = [];
  return (e) => {
    if (quiet) return;
    switch (e.type) {
      case 'start':
        epochs = e.epochs;
        epochSeconds = [];
        break;
      case 'batch':
        if (tty && e.batches) stream.write(`\r  epoch ${e.epoch + 1}/${epochs}  batch ${e.batch}/${e.batches}\x1b[K`);
        break;
      case 'epoch': {
        const m = e.metrics;
        epochSeconds.push(m.seconds);
        const mean = epochSeconds.reduce((a, b) => a + b, 0) / epochSeconds.length;
        const eta = mean * (epochs - m.epoch - 1);
        const terms = Object.entries(m.terms)
          .filter(([k]) => k !== 'reconstruction')
          .map(([k, v]) => `  ${k} ${v.toFixed(4)}`)
          .join('');
        const val = m.valLoss !== undefined ? `  val ${m.valLoss.toFixed(4)}` : '';
        stream.write(
          `${tty ? '\r\x1b[K' : ''}epoch ${String(m.epoch + 1).padStart(String(epochs).length)}/${epochs}  loss ${m.loss.toFixed(4)}${terms}${val}  ${Math.round(m.samplesPerSec).toLocaleString('en-US')} samples/s  ETA ${clock(eta)}\n`,
        );
        break;
      }
      case 'stop':
        if (e.reason !== 'completed') stream.write(`${tty ? '\r\x1b[K' : ''}${e.reason}: ${e.message}${e.hint ? `; ${renderHint(e.hint, cliStyle)}` : ''}\n`);
        break;
    }
  };
}
