import { describe, expect, it } from 'vitest';
import { calibrate, describeCalibration } from './score-calibration';

describe('score calibration from staff decisions', () => {
  it('says how many pairs scored alike staff merged, once a band has enough decisions', () => {
    const decisions = [
      ...Array.from({ length: 18 }, () => ({ score: 0.995, merged: true })),
      ...Array.from({ length: 2 }, () => ({ score: 0.992, merged: false })),
      ...Array.from({ length: 4 }, () => ({ score: 0.6, merged: false })),
    ];
    const c = calibrate(decisions);
    expect(describeCalibration(c, 0.991)).toBe('Staff merged 18 of 20 suggestions scored like this');
    // Four decisions are not enough to say what a 60% means here.
    expect(describeCalibration(c, 0.55)).toBeUndefined();
    expect(describeCalibration(undefined, 0.99)).toBeUndefined();
  });
});
