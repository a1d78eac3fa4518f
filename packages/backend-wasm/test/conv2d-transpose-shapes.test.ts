/**
 * conv2dTranspose's x must have the shape a conv2d of its outputShape gives,
 * as TensorFlow's Conv2DBackpropInput requires; a mismatch is refused in the
 * terms of the call, not of the filter gradient.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { isHourglassError } from '@hourglass/errors';
import { beforeAll, expect, it } from 'vitest';
import { setupWasm } from '../src/index.js';

beforeAll(async () => {
  await setupWasm();
});

it('names Conv2DBackpropInput / conv2dTranspose and the shapes passed', () => {
  const before = tf.memory().numTensors;
  let caught: unknown;
  try {
    tf.tidy(() => tf.conv2dTranspose(tf.ones([1, 8, 8, 8]) as tf.Tensor4D, tf.ones([8, 8, 8, 8]) as tf.Tensor4D, [1, 4, 4, 8], 1, 'same'));
  } catch (e) {
    caught = e;
  }
  expect(isHourglassError(caught)).toBe(true);
  const message = (caught as Error).message;
  expect(message).not.toContain('Conv2DBackpropFilter');
  expect(message).toContain(
    "Conv2DBackpropInput (conv2dTranspose): x (dy) has shape [1,8,8,8], but outputShape [1,4,4,8] with filter [8,8,8,8], strides 1 and pad 'same' needs x of shape [1,4,4,8]",
  );
  expect(tf.memory().numTensors).toBe(before);
});

it('names the shapes in NCHW as passed, and leaks nothing', () => {
  const before = tf.memory().numTensors;
  const dy = tf.ones([1, 3, 8, 8]);
  const filter = tf.ones([3, 3, 2, 3]);
  const attrs = { inputShape: [1, 2, 4, 4], strides: 1, pad: 'same', dataFormat: 'NCHW', dimRoundingMode: undefined };
  expect(() => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, attrs as never)).toThrow(
    'x (dy) has shape [1,3,8,8], but outputShape [1,2,4,4] with filter [3,3,2,3], strides 1 and pad \'same\' needs x of shape [1,3,4,4]',
  );
  tf.dispose([dy, filter]);
  expect(tf.memory().numTensors).toBe(before);
});

it('still computes matching shapes', () => {
  const y = tf.conv2dTranspose(tf.ones([1, 4, 4, 8]) as tf.Tensor4D, tf.ones([3, 3, 2, 8]) as tf.Tensor4D, [1, 4, 4, 2], 1, 'same');
  expect(y.shape).toEqual([1, 4, 4, 2]);
  expect(y.dataSync()[10]).toBe(72); // pixel (1,1): a full 3x3 window over 8 channels
  y.dispose();
});
