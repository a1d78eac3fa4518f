import { describe, expect, it } from 'vitest';
import { ShapeError, codeToMap, expectSequence } from '../src/index.js';

describe('architecture helpers', () => {
  it('codeToMap adds nothing for a code that is the map, else dense (after flatten when not flat) and reshape', () => {
    expect(codeToMap([4, 4, 8], [4, 4, 8], 'relu')).toEqual([]);
    expect(codeToMap([32], [4, 4, 8], 'relu')).toEqual([{ type: 'dense', units: 128, activation: 'relu' }, { type: 'reshape', shape: [4, 4, 8] }]);
    expect(codeToMap([72, 8], [72, 16], 'linear')).toEqual([
      { type: 'flatten' },
      { type: 'dense', units: 1152, activation: 'linear' },
      { type: 'reshape', shape: [72, 16] },
    ]);
  });

  it('expectSequence returns [steps, features] or names the variant and the shape', () => {
    expect(expectSequence('recurrent', [48, 1], 'sequences')).toEqual([48, 1]);
    expect(() => expectSequence('recurrent', [48], 'prediction targets')).toThrow(ShapeError);
    expect(() => expectSequence('recurrent', [48], 'prediction targets')).toThrow(/recurrent: expects prediction targets \[steps, features\], got \[48\]/);
  });
});
