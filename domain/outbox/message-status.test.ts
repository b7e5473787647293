import { describe, expect, it } from 'vitest';
import { canMoveTo, statusOfSendGridEvent, statusOfTwilioStatus } from './message-status';
import { smsKeyword } from './sms-keywords';

describe('message status', () => {
  it('only moves forward, whatever order the events come in', () => {
    expect(canMoveTo('accepted', 'delivered')).toBe(true);
    expect(canMoveTo('delivered', 'sent')).toBe(false);
    expect(canMoveTo('delivered', 'delivered')).toBe(false);
    expect(canMoveTo('delivered', 'bounced')).toBe(true);
    expect(canMoveTo('bounced', 'delivered')).toBe(false);
    expect(canMoveTo('suppressed', 'sending')).toBe(false);
  });

  it('maps provider events', () => {
    expect(statusOfSendGridEvent('bounce')).toBe('bounced');
    expect(statusOfSendGridEvent('open')).toBeUndefined();
    expect(statusOfTwilioStatus('undelivered')).toBe('undelivered');
  });
});

describe('SMS keywords', () => {
  it('knows the opt-out, opt-in and help words on their own, not inside a reply', () => {
    expect(smsKeyword(' stop ')).toBe('stop');
    expect(smsKeyword('Unsubscribe.')).toBe('stop');
    expect(smsKeyword('START')).toBe('start');
    expect(smsKeyword('help')).toBe('help');
    expect(smsKeyword('please stop calling me at work')).toBeUndefined();
  });
});
