/**
 * The threshold `detect` flags against, for rows and for series steps alike:
 * calibrated on the scored data when `--contamination` is given, else the
 * one calibrated at training time and saved with the model.
 */
import { ConfigError, calibrateThreshold, type AnomalyMetadata } from '@hourglass/core';
import { UsageError } from './exit-codes.js';
import type { Shard } from './shard.js';

/**
 * Throws when a shard is asked to calibrate the threshold: a shard sees part
 * of the data, and a quantile of part of the scores is not the quantile of
 * all of them, so a shard flags against the threshold saved with the model.
 *
 * @example
 * refuseShardCalibration(opts.contamination, shard);
 */
export function refuseShardCalibration(contamination: number | undefined, shard: Shard | undefined): void {
  if (shard && shard.count > 1 && contamination !== undefined)
    throw new UsageError(
      `--contamination ${contamination} calibrates the threshold on the scores of all the data, which --shard ${shard.index}/${shard.count} does not see; ` +
        `leave it out to flag against the threshold saved at training (train --contamination), or run detect without --shard`,
    );
}

/**
 * Throws unless a threshold can be had: `--contamination`, or one saved with the model. Call it before scoring.
 *
 * @example
 * requireThresholdSource('run/model', opts.contamination, metadata.anomaly);
 */
export function requireThresholdSource(model: string, contamination: number | undefined, saved: AnomalyMetadata | undefined): void {
  if (contamination === undefined && !saved)
    throw new ConfigError(`${model}: the model has no anomaly threshold; train it with --contamination, or pass --contamination here`);
}

/**
 * The threshold and where it came from, in words for the summary.
 *
 * @example
 * const { threshold, source } = detectionThreshold(opts.contamination, metadata.anomaly, scores);
 */
export function detectionThreshold(contamination: number | undefined, saved: AnomalyMetadata | undefined, scores: ArrayLike<number>): { threshold: number; source: string } {
  if (contamination !== undefined)
    return { threshold: calibrateThreshold(scores, contamination), source: `calibrated on this data (contamination ${contamination})` };
  return { threshold: saved!.threshold, source: `from training (contamination ${saved!.contamination} of ${saved!.calibratedOn})` };
}
