import type { ContactListIndexService } from '../../db/contact-list-index/index-service';
import { findByIds } from '../../db/contact-links';
import { Contact, type ContactDoc } from '../../db/models/index';
import { Types } from 'mongoose';
import type { ContactInput } from '../../domain/build-contact-record';
import { foldedTokens } from '../../domain/fold-text';
import { normalizeEmail } from '../../domain/normalize-email';
import { normalizePhone } from '../../domain/normalize-phone';

export type PossibleDuplicate = { contact: ContactDoc; reasons: string[] };

/**
 * Existing contacts that share a phone or email with what is being typed, or
 * have the same last name and a first name starting alike. The matching
 * engine (duplicate detection) refines this with scores.
 */
export async function findPossibleDuplicates(input: ContactInput, region: string, limit = 5, index?: ContactListIndexService): Promise<PossibleDuplicate[]> {
  const phones = (input.phones ?? []).map((p) => normalizePhone(p.raw, region)).flatMap((n) => (n.ok ? [n.e164] : []));
  const emails = (input.emails ?? []).map((e) => normalizeEmail(e.address)).flatMap((n) => (n.ok ? [n.canonical] : []));
  const last = foldedTokens(input.lastName).join(' ');
  const first = foldedTokens(input.firstName)[0];
  const or: Record<string, unknown>[] = [];
  if (phones.length) or.push({ phoneKeys: { $in: phones } });
  if (emails.length) or.push({ emailKeys: { $in: emails } });
  if (last && first) or.push({ sortName: { $regex: `^${last.replace(/[^a-z0-9 ]/g, '')} ${first.slice(0, 1)}` } });
  if (!or.length) return [];
  const prefix = last && first ? `${last} ${first.slice(0, 1)}` : undefined;
  const fromIndex = await index?.lookup({ phoneKeys: phones, emailKeys: emails, sortNamePrefix: prefix, limit });
  const found = fromIndex
    ? (await findByIds<ContactDoc>(Contact, fromIndex.slice(0, limit * 3).map((id) => new Types.ObjectId(id)))).filter((c) => !c.mergedInto)
    : await Contact.find({ $or: or, mergedInto: { $exists: false } }).limit(limit * 3).lean<ContactDoc[]>();
  return found
    .map((contact) => {
      const reasons: string[] = [];
      const samePhone = contact.phones.find((p) => p.e164 && phones.includes(p.e164));
      if (samePhone) reasons.push(`same phone ${samePhone.raw}`);
      const sameEmail = contact.emails.find((e) => emails.includes(e.canonical));
      if (sameEmail) reasons.push(`same email ${sameEmail.address}`);
      if (last && first && contact.sortName.startsWith(`${last} ${first[0]}`)) reasons.push('similar name');
      return { contact, reasons };
    })
    .filter((d) => d.reasons.length)
    .sort((a, b) => b.reasons.length - a.reasons.length)
    .slice(0, limit);
}
