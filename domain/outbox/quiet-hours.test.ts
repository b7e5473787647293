import { describe, expect, it } from 'vitest';
import { DEFAULT_SMS_WINDOW, effectiveWindow, nextSendingTime, parseWindow } from './quiet-hours';

const at = (iso: string) => new Date(iso);

describe('SMS quiet hours', () => {
  it('sends at once inside the recipient\'s local window', () => {
    // 15:00 in Chicago (21:00 UTC in December).
    const now = at('2026-12-01T21:00:00Z');
    expect(nextSendingTime({ now, timeZone: 'America/Chicago', window: DEFAULT_SMS_WINDOW })).toEqual(now);
  });

  it('holds a late-evening SMS until 8:00 the next morning in the recipient\'s zone', () => {
    // 22:30 in Los Angeles on 1 Dec = 06:30 UTC on 2 Dec; opens 08:00 PST = 16:00 UTC.
    expect(nextSendingTime({ now: at('2026-12-02T06:30:00Z'), timeZone: 'America/Los_Angeles', window: DEFAULT_SMS_WINDOW })).toEqual(at('2026-12-02T16:00:00Z'));
  });

  it('holds an early-morning SMS until 8:00 the same day', () => {
    // 05:10 in New York = 10:10 UTC; opens 13:00 UTC.
    expect(nextSendingTime({ now: at('2026-12-01T10:10:00Z'), timeZone: 'America/New_York', window: DEFAULT_SMS_WINDOW })).toEqual(at('2026-12-01T13:00:00Z'));
  });

  it('applies a stricter state window: 20:30 is too late in Florida but fine in Georgia', () => {
    const now = at('2026-12-02T01:30:00Z'); // 20:30 in New York time
    expect(nextSendingTime({ now, timeZone: 'America/New_York', window: DEFAULT_SMS_WINDOW, state: 'GA' })).toEqual(now);
    expect(nextSendingTime({ now, timeZone: 'America/New_York', window: DEFAULT_SMS_WINDOW, state: 'FL' })).toEqual(at('2026-12-02T13:00:00Z'));
  });

  it('waits for noon on a Texas Sunday', () => {
    // Sunday 6 Dec 2026, 10:00 in Chicago = 16:00 UTC.
    expect(nextSendingTime({ now: at('2026-12-06T16:00:00Z'), timeZone: 'America/Chicago', window: DEFAULT_SMS_WINDOW, state: 'tx' })).toEqual(at('2026-12-06T18:00:00Z'));
    expect(effectiveWindow(DEFAULT_SMS_WINDOW, 'TX', 1)).toEqual({ start: '09:00', end: '21:00' });
  });

  it('finds the opening across a daylight-saving change', () => {
    // 8 Mar 2026: clocks go forward in the US. 23:00 on the 7th in Chicago (CST) = 05:00 UTC on the 8th; opens 08:00 CDT = 13:00 UTC.
    expect(nextSendingTime({ now: at('2026-03-08T05:00:00Z'), timeZone: 'America/Chicago', window: DEFAULT_SMS_WINDOW })).toEqual(at('2026-03-08T13:00:00Z'));
  });

  it('parses per-purpose windows and refuses nonsense', () => {
    expect(parseWindow('09:00-20:00')).toEqual({ start: '09:00', end: '20:00' });
    expect(parseWindow('21:00-08:00')).toBeUndefined();
    expect(parseWindow('9am-5pm')).toBeUndefined();
  });
});
