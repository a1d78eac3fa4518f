/**
 * Registers tfjs-core's gradients for the tests. @hourglass/core's built
 * bundle does that when imported; if it is not built (or is mid-rebuild),
 * fall back to tfjs-core's own register file, which vitest can load even
 * though plain Node cannot (extensionless imports).
 */
import * as tf from '@tensorflow/tfjs-core';

export async function ensureGradients(): Promise<string> {
  if (tf.getGradient('Conv2D') != null) return 'already registered';
  const core = '@hourglass/core';
  try {
    await import(/* @vite-ignore */ core);
  } catch {
    // not built right now: use the fallback below
  }
  if (tf.getGradient('Conv2D') != null) return core;
  await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  if (tf.getGradient('Conv2D') == null) throw new Error('could not register tfjs gradients');
  return '@tensorflow/tfjs-core/dist/register_all_gradients';
}
