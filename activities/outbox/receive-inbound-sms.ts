// A text a contact sent back (Twilio's inbound webhook, verified by the web
// layer): it appears in the contact's message history, and the carrier
// keywords change the number's opt-out and the contact's SMS preference.
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { contactIdsWithPhone, findContact, setSmsDoNotContact } from '../../db/contacts/contacts';
import { insertInboundMessage } from '../../db/outbox/outbound-messages';
import { findSmsNumber, setSmsOptOut } from '../../db/outbox/sms-numbers';
import { claimWebhookEvent } from '../../db/outbox/webhook-events';
import { smsKeyword, type SmsKeyword } from '../../domain/outbox/sms-keywords';

export type InboundResult = { outcome: 'recorded' | 'duplicate' | 'unknown-number'; keyword?: SmsKeyword; contactIds: string[] };

export async function receiveInboundSms(p: { messageSid: string; from: string; to: string; body: string }, now = new Date()): Promise<InboundResult> {
  if (!(await claimWebhookEvent(`twilio-inbound:${p.messageSid}`, now))) return { outcome: 'duplicate', contactIds: [] };
  const keyword = smsKeyword(p.body);
  if (keyword === 'stop' || keyword === 'start') await setSmsOptOut(p.from, { optedOut: keyword === 'stop', keyword: p.body.trim().toUpperCase(), at: now });
  const contacts = await contactsTextedAt(p.from);
  for (const contact of contacts) {
    await insertInboundMessage({ contactId: contact, channel: 'sms', from: p.from, to: p.to, text: p.body, at: now, providerMessageId: p.messageSid });
    if (keyword === 'stop' || keyword === 'start') {
      await setSmsDoNotContact(contact, keyword === 'stop', now);
      await recordContactChanges([contact]);
      await audit(undefined, keyword === 'stop' ? 'contact.sms-opt-out' : 'contact.sms-opt-in', { type: 'Contact', id: contact }, { by: 'SMS reply', number: p.from, reply: p.body.trim().slice(0, 20) });
    }
  }
  return { outcome: contacts.length ? 'recorded' : 'unknown-number', keyword, contactIds: contacts.map(String) };
}

/**
 * The live contacts a number belongs to: those Casebook texted at it (one
 * look-up by _id), else those with it among their phones (an index on
 * MongoDB; a scan on FerretDB, for a number never texted, which is rare).
 */
async function contactsTextedAt(e164: string): Promise<Types.ObjectId[]> {
  const known = (await findSmsNumber(e164))?.contactIds ?? [];
  const ids = known.length ? known : await contactIdsWithPhone(e164, 20);
  const live: Types.ObjectId[] = [];
  for (const id of ids) {
    let c = await findContact(id);
    for (let hops = 0; c?.mergedInto && hops < 10; hops++) c = await findContact(c.mergedInto as Types.ObjectId);
    if (c && !c.mergedInto && !live.some((x) => x.equals(c!._id)) && (c.phones ?? []).some((p) => p.e164 === e164)) live.push(c._id);
  }
  return live;
}
