// Whether staff may write to a contact by email or SMS, to which of its
// addresses and numbers, and why not when they may not. The compose form
// disables a blocked channel with this reason; DeliverMessageWorkflow checks
// the same rules again when it sends (preferences may change in between).
export type ReachableContact = {
  phones?: { raw: string; e164?: string | null; type?: string | null; primary?: boolean | null }[] | null;
  emails?: { address: string; primary?: boolean | null }[] | null;
  preferences?: { channel?: string | null; doNotContact?: { sms?: boolean | null; email?: boolean | null } | null } | null;
  mergedInto?: unknown;
};

export type Recipient = { value: string; label: string; primary: boolean };
export type ChannelState = { available: boolean; reason?: string; recipients: Recipient[] };
export type Availability = { email: ChannelState; sms: ChannelState; preferred: 'email' | 'sms' | undefined };

export function channelAvailability(c: ReachableContact, o: { optedOutNumbers: ReadonlySet<string> }): Availability {
  const emails: Recipient[] = (c.emails ?? []).map((e) => ({ value: e.address.toLowerCase(), label: e.address.toLowerCase(), primary: Boolean(e.primary) }));
  const allNumbers = (c.phones ?? []).filter((p) => p.e164 && p.type !== 'fax');
  const numbers: Recipient[] = allNumbers.filter((p) => !o.optedOutNumbers.has(p.e164!)).map((p) => ({ value: p.e164!, label: `${p.raw}${p.type ? ` (${p.type})` : ''}`, primary: Boolean(p.primary) }));
  const byPrimary = (a: Recipient, b: Recipient) => Number(b.primary) - Number(a.primary);
  const email: ChannelState = c.preferences?.doNotContact?.email
    ? { available: false, reason: 'The contact asked not to be emailed.', recipients: [] }
    : emails.length
      ? { available: true, recipients: emails.sort(byPrimary) }
      : { available: false, reason: 'The contact has no email address.', recipients: [] };
  const sms: ChannelState = c.preferences?.doNotContact?.sms
    ? { available: false, reason: 'The contact asked not to be texted.', recipients: [] }
    : numbers.length
      ? { available: true, recipients: numbers.sort(byPrimary) }
      : allNumbers.length
        ? { available: false, reason: 'Every number of this contact replied STOP.', recipients: [] }
        : { available: false, reason: 'The contact has no phone number that can take texts.', recipients: [] };
  const wanted = c.preferences?.channel;
  const preferred = wanted === 'sms' && sms.available ? 'sms' : wanted === 'email' && email.available ? 'email' : email.available ? 'email' : sms.available ? 'sms' : undefined;
  return { email, sms, preferred };
}
