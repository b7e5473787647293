// The portal's one-time code check (PORTAL_STEP_UP=one-time-code): before
// documents are shown, a code goes to the contact over the other channel
// than the one the link came by, so a forwarded or intercepted link alone
// does not open them.

/** Where the code goes in the message: filled in by the send step only, never stored. */
export const STEP_UP_CODE_SLOT = '(one-time-code)';
export const STEP_UP_CODE_DIGITS = 6;
export const STEP_UP_CODE_MINUTES = 10;
/** A new code may be asked for this long after the last one. */
export const STEP_UP_RESEND_SECONDS = 60;

export const fillCodeSlot = (text: string, code: string) => text.split(STEP_UP_CODE_SLOT).join(code);

/** The other channel than the link's: a link sent by text gets its code by email, and the other way round. */
export const otherChannel = (channel: 'email' | 'sms'): 'email' | 'sms' => (channel === 'sms' ? 'email' : 'sms');

/** An address shown to whoever holds the link, without giving it away: "r•••@example.com", "•••• 0134". */
export function maskRecipient(channel: 'email' | 'sms', to: string): string {
  if (channel === 'sms') return `•••• ${to.replace(/\D/g, '').slice(-4)}`;
  const at = to.lastIndexOf('@');
  return at > 0 ? `${to[0]}•••${to.slice(at)}` : '•••';
}

/** What the contact typed, as the code's digits ("123 456" and "123-456" are 123456); undefined when it cannot be a code. */
export function readTypedCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${STEP_UP_CODE_DIGITS}}$`).test(digits) ? digits : undefined;
}
