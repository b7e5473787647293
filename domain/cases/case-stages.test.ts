import { describe, expect, it } from 'vitest';
import { stageTimeline } from './case-stages';

describe('stageTimeline', () => {
  it('marks stages before the current one done, with when they were reached', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const steps = stageTimeline('filed', [{ stage: 'intake', at }, { stage: 'filed', at }]);
    expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'current', 'ahead', 'ahead', 'ahead', 'ahead']);
    expect(steps[0]!.reachedAt).toEqual(at);
    expect(steps[1]!.reachedAt).toBeUndefined(); // skipped straight from intake to filed
    expect(steps[3]!.reachedAt).toBeUndefined();
  });
  it('puts a case without a stage at intake', () => {
    expect(stageTimeline(undefined, [])[0]!.state).toBe('current');
  });
});
