import { describe, expect, it } from 'vitest';
import { bundleProgress, durationInWords } from './bundle-progress';

const startedAt = new Date('2026-12-01T10:00:00Z');
const at = (s: number) => new Date(startedAt.getTime() + s * 1000);

describe('bundle progress', () => {
  it('measures by bytes, with a rate and a time left once there is something to measure', () => {
    expect(bundleProgress({ filesDone: 0, totalFiles: 10, bytesDone: 0, totalBytes: 1000, startedAt, now: at(1) })).toEqual({ percent: 0 });
    expect(bundleProgress({ filesDone: 5, totalFiles: 10, bytesDone: 250, totalBytes: 1000, startedAt, now: at(10) })).toEqual({ percent: 25, bytesPerSecond: 25, secondsLeft: 30 });
    expect(bundleProgress({ filesDone: 10, totalFiles: 10, bytesDone: 1000, totalBytes: 1000, startedAt, now: at(20) })).toMatchObject({ percent: 100, secondsLeft: 0 });
  });

  it('moves file by file when every file is empty', () => {
    expect(bundleProgress({ filesDone: 3, totalFiles: 4, bytesDone: 0, totalBytes: 0, startedAt, now: at(5) }).percent).toBe(75);
  });

  it('says how long in words', () => {
    expect(durationInWords(1)).toBe('1 second');
    expect(durationInWords(42)).toBe('42 seconds');
    expect(durationInWords(150)).toBe('about 3 minutes');
    expect(durationInWords(5400)).toBe('about 1.5 hours');
  });
});
