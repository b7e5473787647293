import { describe, expect, it } from 'vitest';
import { fillCodeSlot, maskRecipient, otherChannel, readTypedCode, STEP_UP_CODE_SLOT } from './step-up-code';

describe('portal one-time code', () => {
  it('goes over the other channel, to an address shown masked', () => {
    expect(otherChannel('sms')).toBe('email');
    expect(otherChannel('email')).toBe('sms');
    expect(maskRecipient('email', 'renee.mueller@example.com')).toBe('r•••@example.com');
    expect(maskRecipient('sms', '+14155550134')).toBe('•••• 0134');
  });

  it('reads six digits as typed on a phone, and nothing else', () => {
    expect(readTypedCode('123 456')).toBe('123456');
    expect(readTypedCode('123-456')).toBe('123456');
    expect(readTypedCode('12345')).toBeUndefined();
    expect(readTypedCode('12345a')).toBeUndefined();
    expect(readTypedCode('1234567')).toBeUndefined();
  });

  it('fills its slot in every place of a message', () => {
    expect(fillCodeSlot(`Code ${STEP_UP_CODE_SLOT}. Again: ${STEP_UP_CODE_SLOT}`, '042917')).toBe('Code 042917. Again: 042917');
  });
});
